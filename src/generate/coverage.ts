import type { CheckResult, Gateway, Results } from '../core/results.js';
import { gatewayModel } from '../gateways/index.js';
import type { Coverage, GatewayCoverage } from '../report/coverage.js';
import {
  ANSWERS,
  endpointFields,
  exemption,
  FAMILIES,
  type Family,
  FREE_TEXT,
  familyOfKeyword,
  fieldName,
  generatedCases,
  METHODS,
  SIGNING_CORNERS,
  WINDOW_IDS,
  WINDOWS,
} from './cases.js';
import { type Endpoint, endpointsOf } from './endpoints.js';
import { HAND_WRITTEN_CELLS } from './hand-written.js';
import { requiredOneOf } from './schema-walk.js';

// The coverage model: every documented request × every rule family × every constraint of its schema, each cell
// naming the checks that exercise it. The cells are enumerated from the schemas and the profile on their own, not
// from the cases, so a constraint no generator knows (a new schema keyword) shows up as an empty cell.

export type { Coverage };

/** The cells of one endpoint, as the schema and the profile define them (no check attached yet). */
function cellsOf(ep: Endpoint): { family: string; constraint: string; exempt?: string }[] {
  const out: { family: string; constraint: string; exempt?: string }[] = [];
  const add = (family: string, constraint: string, exempt?: string) =>
    out.push({ family, constraint, ...(exempt ? { exempt } : {}) });
  for (const f of endpointFields(ep)) {
    const n = fieldName(f);
    if (f.required) add('required', `${n} required`);
    add(f.amount ? 'amount' : 'type', `${n} ${f.amount ? 'amount' : 'type'}`);
    if (f.amount) add('type', `${n} type`);
    for (const k of f.keywords) {
      const family = familyOfKeyword(k, f) ?? `keyword ${k}`;
      if (out.some((c) => c.constraint === `${n} ${family}`)) continue;
      add(family, `${n} ${family}`, familyOfKeyword(k, f) && exemption(f, family as Family));
    }
    if (f.maxLength !== undefined) add('at-max-length', `${n} at-max-length`);
    if ((FREE_TEXT[ep.name] ?? []).includes(n)) add('non-ascii', `${n} non-ascii`);
    if (!f.required && !f.nested) add('optional-absent', `${n} optional-absent`);
    for (const value of f.enum ?? [])
      add('enum-value', `${n} enum-value ${JSON.stringify(value)}`, ep.coupledEnums?.[n]);
  }
  for (const [path, why] of Object.entries(ep.notWalked ?? {})) add('type', `${path} type`, why);
  for (const name of ep.echoedAmounts ?? []) add('amount-spelling', `${name} amount-spelling`);
  const oneOf = requiredOneOf(ep.schema);
  if (oneOf) add('one-of', `${oneOf.join('|')} one-of`);
  for (const v of gatewayModel(ep.gateway).generation?.authVariants ?? []) add('auth', v);
  for (const v of SIGNING_CORNERS) add('signing', v);
  for (const m of METHODS) add('method', m);
  add('unknown-path', 'sibling path');
  for (const kind of ANSWERS) {
    add('content-type', kind);
    add('envelope', kind);
  }
  if (ep.name === 'query-order')
    for (const ids of WINDOW_IDS) for (const win of WINDOWS) add('window', `${ids} × ${win}`);
  return out;
}

/** The coverage of the profile, with the status of each check when a run's results are given. */
export function coverage(gateways: Gateway[], results?: Results): Coverage {
  const status = new Map<string, CheckResult>();
  for (const c of results?.checks ?? []) status.set(`${c.gateway} ${c.id}`, c);
  return {
    format: 'paycert-coverage/1',
    ...(results?.generation ? { generation: results.generation } : {}),
    gateways: gateways.map((gateway): GatewayCoverage => {
      const byCell = new Map<string, string[]>();
      for (const c of generatedCases(gateway))
        for (const cell of c.cells) {
          const key = `${c.endpoint.name} ${c.family} ${cell}`;
          byCell.set(key, [...(byCell.get(key) ?? []), c.entry.id]);
        }
      for (const [id, endpoint, family, constraint] of HAND_WRITTEN_CELLS[gateway]) {
        const key = `${endpoint} ${family} ${constraint}`;
        byCell.set(key, [id, ...(byCell.get(key) ?? [])]);
      }
      const endpoints = endpointsOf(gateway).map((ep) => ({
        endpoint: ep.name,
        path: ep.path,
        schema: ep.schema,
        cells: cellsOf(ep).map((cell) => ({
          ...cell,
          checks: (byCell.get(`${ep.name} ${cell.family} ${cell.constraint}`) ?? []).map((id) => {
            const r = status.get(`${gateway} ${id}`);
            return r ? { id, status: r.status } : { id };
          }),
        })),
      }));
      const seen = new Set(endpoints.flatMap((e) => e.cells.map((c) => c.family)));
      const families = [
        ...FAMILIES.filter((f) => seen.has(f)),
        ...[...seen].filter((f) => !FAMILIES.includes(f as Family)),
      ];
      return { gateway, families, endpoints };
    }),
  };
}

/** Cells that neither name a check nor give a reason why none is needed: the holes of the table. */
export function emptyCells(cov: Coverage): string[] {
  return cov.gateways.flatMap((g) =>
    g.endpoints.flatMap((e) =>
      e.cells
        .filter((c) => c.checks.length === 0 && !c.exempt)
        .map((c) => `${g.gateway} ${e.endpoint} ${c.family}: ${c.constraint}`),
    ),
  );
}
