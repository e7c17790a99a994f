import type { CatalogueEntry } from '../core/catalogue.js';
import type { Gateway, Level } from '../core/results.js';
import { gatewayModel } from '../gateways/index.js';
import type { GenerationRules } from '../gateways/requests.js';
import { type Endpoint, endpointsOf, type Source } from './endpoints.js';
import {
  ANSWERS,
  type Family,
  FREE_TEXT,
  METHODS,
  POSITIVE_FAMILIES,
  RULE_CODE,
  SIGNING_CORNERS,
  VARIANT_TEXT,
  WINDOW_IDS,
  WINDOWS,
} from './rules.js';
import { EACH, type Field, pathName, requestFields, requiredOneOf } from './schema-walk.js';

export * from './rules.js';

// Every generated case of a gateway, derived from the request schemas (fields and their constraints) and the
// profile (rule families per endpoint). IDs depend only on the schema and the endpoint table, never on the seed.

export interface GeneratedCase {
  entry: CatalogueEntry & { family: Family };
  family: Family;
  endpoint: Endpoint;
  field?: Field;
  /** Auth or signing variant, method, answer kind, enum value or query combination. */
  variant?: string;
  /** The enum value a positive case sends. */
  value?: unknown;
  /** Coverage cells this case fills: "<field> <constraint>" or the endpoint-wide variant. */
  cells: string[];
}

/** Schema keyword → the negative family whose cases violate it (absent: no family knows it). */
export function familyOfKeyword(keyword: string, field: Field): Family | undefined {
  if (keyword === 'type') return field.amount ? 'amount' : 'type';
  if (keyword === 'const' || keyword === 'enum') return 'enum';
  if (keyword === 'maxLength') return 'max-length';
  if (keyword === 'minLength') return 'min-length';
  if (keyword === 'minimum' || keyword === 'exclusiveMinimum') return 'minimum';
  if (keyword === 'minItems') return 'min-items';
  if (keyword === 'pattern') return field.amount ? 'amount' : field.url ? 'url' : 'pattern';
  if (keyword === 'format') return field.url ? 'url' : 'format';
  return undefined;
}

export const fieldName = (f: Field) => pathName(f.path);

/** The fields of an endpoint's request schema the generator walks (see Endpoint.notWalked). */
export function endpointFields(ep: Endpoint): Field[] {
  return requestFields(ep.schema, ep.notWalked);
}

function idPart(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toUpperCase();
}

/** Fields free text may go in (names, descriptions): non-ASCII text there is an ordinary input. */

interface Draft {
  family: Family;
  level: Level;
  source: Source;
  title: string;
  field?: Field;
  variant?: string;
  value?: unknown;
  cells: string[];
}

/** The gateway's rules for its generated checks (its model's `generation`). */
function rulesOf(ep: Endpoint): GenerationRules {
  const rules = gatewayModel(ep.gateway).generation;
  if (!rules) throw new Error(`gateway ${ep.gateway} has requests but no generation rules`);
  return rules;
}

/** The reading a case of a family cites: the family's own, a positive case's endpoint reading, or its field's. */
function sourceOf(ep: Endpoint, family: Family, field?: Field): Source {
  const rules = rulesOf(ep);
  const own = rules.families[family];
  if (own) return own;
  if ((POSITIVE_FAMILIES as readonly string[]).includes(family)) return ep.accept;
  const common = rules.common;
  if (common && field && field.path.length === 1 && common.names.includes(field.path[0]))
    return common.source;
  return rules.fields;
}

/** A field's family its gateway makes MUST by name, with the reading it cites where that is its own. */
function mustForField(ep: Endpoint, family: Family, field: Field): { source?: Source } | undefined {
  const byFamily = rulesOf(ep).mustByField?.[fieldName(field)];
  return byFamily && family in byFamily ? { source: byFamily[family] } : undefined;
}

function negativeLevel(ep: Endpoint, family: Family, field: Field): Level {
  // An optional member inside an object or an array element: the docs list it in tables the profile does not make
  // MUST (a beneficiary's address, a detail's swift code), so refusing a bad value there is paycert's reading.
  if (field.nested && !field.required) return 'SHOULD';
  const rules = rulesOf(ep);
  if (mustForField(ep, family, field)) return 'MUST';
  if (family === 'required' && rules.requiredAsDocumented) return ep.documentedRequired ? 'MUST' : 'SHOULD';
  if (rules.mustFamilies.includes(family)) return 'MUST';
  if (rules.mustByEndpoint?.[ep.name]?.includes(family)) return 'MUST';
  return 'SHOULD';
}

/**
 * A valid request at a boundary must be accepted where the profile lists the fields, limits and values (L7 for
 * create-order, L8 for the query's request_id); elsewhere which members a request needs, and which values go
 * together, is paycert's reading of incomplete tables (a business beneficiary may need more), so SHOULD.
 */
function positiveLevel(ep: Endpoint, family: Family): Level {
  if (ep.name === 'create-order') return ep.accept.level;
  if (ep.name === 'query-order' && family === 'at-max-length') return ep.accept.level;
  return 'SHOULD';
}

function negativeTitle(ep: Endpoint, family: Family, f: Field): string {
  const n = fieldName(f);
  const what: Record<string, string> = {
    required: `without ${n}`,
    type: `with ${n} of a wrong JSON type`,
    'max-length': `with ${n} one character over ${f.maxLength}`,
    'min-length': `with ${n} empty`,
    minimum: `with ${n} below ${f.minimum}`,
    'min-items': `with ${n} holding no element`,
    amount: `with ${n} not a positive decimal string`,
    url: `with ${n} not an http(s) URL`,
    pattern: `with ${n} breaking its pattern`,
    enum: `with ${n} outside its documented values`,
    format: `with ${n} not a valid ${f.format}`,
  };
  return `${ep.name}: a request ${what[family]} is refused${ep.creates ? ' and creates nothing' : ''}`;
}

function drafts(ep: Endpoint): Draft[] {
  const out: Draft[] = [];
  const fields = endpointFields(ep);
  const rules = rulesOf(ep);
  const src = (family: Family, field?: Field) => sourceOf(ep, family, field);

  for (const f of fields) {
    const n = fieldName(f);
    const families = new Set<Family>();
    if (f.required) families.add('required');
    families.add(f.amount ? 'amount' : 'type');
    if (f.amount) families.add('type');
    for (const k of f.keywords) {
      const fam = familyOfKeyword(k, f);
      if (fam && !exemption(f, fam)) families.add(fam);
    }
    for (const family of families) {
      const level = negativeLevel(ep, family, f);
      const source = mustForField(ep, family, f)?.source ?? src(family, f);
      out.push({
        family,
        level,
        source,
        title: negativeTitle(ep, family, f),
        field: f,
        cells: [`${n} ${family === 'required' ? 'required' : family}`],
      });
    }
    if (f.maxLength !== undefined) {
      out.push({
        family: 'at-max-length',
        level: positiveLevel(ep, 'at-max-length'),
        source: src('at-max-length'),
        title: `${ep.name}: ${n} of exactly ${f.maxLength} characters is accepted`,
        field: f,
        cells: [`${n} at-max-length`],
      });
    }
    if ((FREE_TEXT[ep.name] ?? []).includes(n)) {
      out.push({
        family: 'non-ascii',
        level: 'SHOULD',
        source: src('non-ascii'),
        title: `${ep.name}: non-ASCII text in ${n} is accepted`,
        field: f,
        cells: [`${n} non-ascii`],
      });
    }
    if (f.enum && !(ep.coupledEnums && n in ep.coupledEnums)) {
      for (const value of f.enum) {
        out.push({
          family: 'enum-value',
          level: positiveLevel(ep, 'enum-value'),
          source: src('enum-value'),
          title: `${ep.name}: ${n} ${JSON.stringify(value)} is accepted`,
          field: f,
          value,
          variant: String(value),
          cells: [`${n} enum-value ${JSON.stringify(value)}`],
        });
      }
    }
  }
  // Only top-level members are left out together: which nested members a target needs together (a beneficiary's
  // name, or first and last name) is a table the docs leave incomplete.
  const optional = fields.filter((f) => !f.required && !f.nested);
  if (optional.length > 0) {
    out.push({
      family: 'optional-absent',
      level: positiveLevel(ep, 'optional-absent'),
      source: src('optional-absent'),
      title: `${ep.name}: a request with only the required fields is accepted`,
      cells: optional.map((f) => `${fieldName(f)} optional-absent`),
    });
  }
  for (const name of ep.echoedAmounts ?? []) {
    const f = fields.find((x) => fieldName(x) === name)!;
    out.push({
      family: 'amount-spelling',
      // The single payout's total and the v2 pay's transAmt are readings (the docs show neither echo).
      level: ep.name === 'payout-create' || ep.name === 'pay-v2' ? 'SHOULD' : 'MUST',
      source: rules.amountSpelling.byEndpoint?.[ep.name] ?? rules.amountSpelling.source,
      title: `${ep.name}: ${name} in any valid decimal spelling is queried back exactly as sent`,
      field: f,
      cells: [`${name} amount-spelling`],
    });
  }
  const oneOf = requiredOneOf(ep.schema);
  if (oneOf) {
    out.push({
      family: 'one-of',
      level: rules.oneOf.level,
      source: rules.oneOf.byEndpoint?.[ep.name] ?? rules.oneOf.source ?? ep.accept,
      title: `${ep.name}: a request naming none of ${oneOf.join(', ')} is refused`,
      variant: oneOf.join('|'),
      cells: [`${oneOf.join('|')} one-of`],
    });
  }
  const refusal = gatewayModel(ep.gateway).signing.refusesWith401 ? ' with HTTP 401' : '';
  for (const variant of rules.authVariants) {
    out.push({
      family: 'auth',
      level: 'MUST',
      source: src('auth'),
      title: `${ep.name}: a request ${VARIANT_TEXT[variant]} is refused${refusal}${ep.creates ? ' and creates nothing' : ''}`,
      variant,
      cells: [variant],
    });
  }
  for (const variant of SIGNING_CORNERS) {
    out.push({
      family: 'signing',
      // The corner value rides in an undocumented member: a target may refuse the member itself, or verify the
      // signature over the fields it knows, which L3 does not settle (LP-AUTH-008 covers a documented nested field).
      level: 'SHOULD',
      source: src('signing'),
      title: `${ep.name}: a correctly signed request ${VARIANT_TEXT[variant]} passes the signature check`,
      variant,
      cells: [variant],
    });
  }
  for (const method of METHODS) {
    out.push({
      family: 'method',
      level: ep.methodLevel,
      source: src('method'),
      title: `${ep.name}: a ${method} gets HTTP 405`,
      variant: method,
      cells: [method],
    });
  }
  out.push({
    family: 'unknown-path',
    level: ep.unknownPathLevel,
    source: src('unknown-path'),
    title: `${ep.name}: an unknown path beside it gets HTTP 404`,
    cells: ['sibling path'],
  });
  for (const kind of ANSWERS) {
    out.push({
      family: 'content-type',
      level: 'MUST',
      source: src('content-type'),
      title: `${ep.name}: ${VARIANT_TEXT[kind]} with a body is labelled application/json`,
      variant: kind,
      cells: [kind],
    });
    const optionalEnvelope = rules.envelope.optional.includes(kind);
    out.push({
      family: 'envelope',
      level: optionalEnvelope ? 'SHOULD' : 'MUST',
      source: rules.envelope.byAnswer?.[kind] ?? src('envelope'),
      title: `${ep.name}: ${VARIANT_TEXT[kind]} is the documented envelope`,
      variant: kind,
      cells: [kind],
    });
  }
  if (ep.name === 'query-order') {
    for (const ids of WINDOW_IDS)
      for (const win of WINDOWS) {
        out.push({
          family: 'window',
          level: 'MUST',
          source: src('window'),
          title: `${ep.name}: ${VARIANT_TEXT[win]} ${VARIANT_TEXT[ids]} is ${win === 'inside' || win === 'seven-days' ? 'answered with the order' : 'refused with "Request time error"'}`,
          variant: `${ids} ${win}`,
          cells: [`${ids} × ${win}`],
        });
      }
  }
  return out;
}

/**
 * Why a constraint of the schema gets no case: the profile leaves the answer open, so no answer could fail. The
 * coverage table shows the reason in the cell instead of a check.
 */
export function exemption(f: Field, family: Family): string | undefined {
  if (family === 'min-length' && !f.required)
    return 'L3 drops empty values from the signature: an empty optional field reads as an absent one, which is allowed';
  if (family === 'min-length' && f.path.includes(EACH))
    return 'L3 does not say whether empty values inside arrays are signed, so an empty member cannot be sent unambiguously';
  return undefined;
}

function caseId(ep: Endpoint, d: Draft): string {
  const prefix = gatewayModel(ep.gateway).idPrefixes[0];
  const parts = [prefix, 'GEN', ep.code];
  if (d.field && d.family !== 'amount-spelling') parts.push(idPart(fieldName(d.field)));
  else if (d.family === 'amount-spelling') parts.push(idPart(fieldName(d.field!)));
  parts.push(RULE_CODE[d.family]);
  if (d.variant !== undefined && d.family !== 'one-of') parts.push(idPart(d.variant));
  return parts.join('-');
}

const cache = new Map<Gateway, GeneratedCase[]>();

/** The generated cases of a gateway, in a stable order (endpoint table, then schema order). */
export function generatedCases(gateway: Gateway): GeneratedCase[] {
  let hit = cache.get(gateway);
  if (!hit) {
    hit = endpointsOf(gateway).flatMap((ep) =>
      drafts(ep).map((d): GeneratedCase => {
        const entry = {
          id: caseId(ep, d),
          title: d.title,
          level: d.level,
          reading: d.source.reading,
          endpoint: ep.name,
          ...(ep.capability ? { capability: ep.capability } : {}),
          ...(d.source.clause ? { clause: d.source.clause } : {}),
          spec: { section: d.source.section },
          family: d.family,
        };
        return {
          entry,
          family: d.family,
          endpoint: ep,
          field: d.field,
          variant: d.variant,
          value: d.value,
          cells: d.cells,
        };
      }),
    );
    cache.set(gateway, hit);
  }
  return hit;
}
