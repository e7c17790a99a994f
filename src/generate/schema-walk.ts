import { SCHEMA_BASE, schemaDocument } from '../core/schema-registry.js';

// Reads a request schema as written (by $id, no Ajv) and flattens it into the constraints of each field, so that the
// cases follow the schema: add a maxLength to a schema and a "one past the maximum" case appears.

type Json = Record<string, any>;

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface Field {
  /** Path from the body's root, e.g. ["beneficiary", "beneficiary_type"]. */
  path: string[];
  required: boolean;
  /** JSON types the schema allows (a `const`/`enum` gives the types of its values). */
  types: JsonType[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  /** The field is a gateway amount: a string holding a positive decimal (amount.schema.json). */
  amount?: boolean;
  /** The field is a URL that must be http(s). */
  url?: boolean;
  minItems?: number;
  /** The member sits inside an object or an array element, not at the body's top level. */
  nested?: boolean;
  /** Validation keywords on the field (after $ref): the coverage model needs a case for each. */
  keywords: string[];
}

const KEYWORDS = [
  'type',
  'const',
  'enum',
  'maxLength',
  'minLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'uniqueItems',
];

function resolve(node: Json, root: Json, base: string): { node: Json; root: Json; base: string } {
  let cur = { node, root, base };
  for (let i = 0; i < 10 && typeof cur.node.$ref === 'string'; i++) {
    const ref: string = cur.node.$ref;
    if (ref.startsWith('#/')) {
      const target = ref
        .slice(2)
        .split('/')
        .reduce((n: Json, k) => n?.[k], cur.root);
      if (!target) throw new Error(`${cur.base}: unresolvable $ref ${ref}`);
      cur = { ...cur, node: { ...target, ...withoutRef(cur.node) } };
    } else {
      const id = new URL(ref, cur.base).href;
      const schema = schemaDocument(id);
      if (!schema) throw new Error(`${cur.base}: unknown schema ${id}`);
      cur = { node: { ...schema, ...withoutRef(cur.node), $ref: schema.$ref }, root: schema, base: id };
      if (cur.node.$ref === undefined) delete cur.node.$ref;
    }
  }
  return cur;
}

function withoutRef(node: Json): Json {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

function typesOf(node: Json): JsonType[] {
  const out = new Set<JsonType>();
  const add = (t: unknown) => {
    if (Array.isArray(t)) for (const x of t) out.add(x);
    else if (typeof t === 'string') out.add(t as JsonType);
  };
  add(node.type);
  const values = 'const' in node ? [node.const] : Array.isArray(node.enum) ? node.enum : [];
  for (const v of values) add(Number.isInteger(v) ? 'integer' : v === null ? 'null' : typeof v);
  for (const alt of node.anyOf ?? node.oneOf ?? []) for (const t of typesOf(alt)) out.add(t);
  if (out.has('number')) out.add('integer');
  return [...out];
}

/** The flattened properties and required list of an object schema, allOf parts and $refs included. */
function objectParts(node: Json, root: Json, base: string): { props: Json; required: Set<string> } {
  const props: Json = {};
  const required = new Set<string>();
  const visit = (n: Json, r: Json, b: string) => {
    const res = resolve(n, r, b);
    for (const part of res.node.allOf ?? []) visit(part, res.root, res.base);
    for (const [k, v] of Object.entries(res.node.properties ?? {}))
      props[k] = { ...(props[k] ?? {}), ...(v as Json), __root: res.root, __base: res.base };
    for (const k of res.node.required ?? []) required.add(k);
  };
  visit(node, root, base);
  return { props, required };
}

function fieldOf(path: string[], required: boolean, raw: Json): Field {
  const { __root: root, __base: base, ...prop } = raw;
  const isAmountRef = (n: Json) => typeof n.$ref === 'string' && /amount\.schema\.json$/.test(n.$ref);
  const amount = isAmountRef(prop) || (prop.anyOf ?? []).some(isAmountRef);
  const { node } = resolve(prop, root, base);
  const field: Field = { path, required, types: typesOf(node), keywords: KEYWORDS.filter((k) => k in node) };
  if (amount) field.keywords = ['type', 'pattern'];
  if (amount) {
    field.amount = true;
    field.types = [...new Set([...field.types, 'string' as JsonType])];
  }
  if (typeof node.maxLength === 'number') field.maxLength = node.maxLength;
  if (typeof node.minLength === 'number' && node.minLength > 0) field.minLength = node.minLength;
  if (typeof node.minimum === 'number') field.minimum = node.minimum;
  if (typeof node.pattern === 'string' && !amount) field.pattern = node.pattern;
  if (typeof node.format === 'string') field.format = node.format;
  if (field.pattern === '^https?://') {
    field.url = true;
    delete field.pattern;
    delete field.format;
  }
  if (typeof node.minItems === 'number') field.minItems = node.minItems;
  if ('const' in node) field.enum = [node.const];
  else if (Array.isArray(node.enum)) field.enum = node.enum;
  return field;
}

/** The segment of a path that stands for every element of an array: `payout_order_details[].amount`. */
export const EACH = '[]';

/**
 * The fields of a request schema: every documented member, at any depth up to 4 objects down: top-level
 * properties, the members of nested objects (Payloco v2 `data`, a payout's `beneficiary`) and of array elements
 * (each member of a batch's `payout_order_details[]`), required and optional. A member is `required` only when every
 * valid body holds it: it and all the objects above it are required. `skip` names members not walked, with the
 * reason (an alternative destination object the valid body does not use); `x.*` skips the members of `x` only.
 */
export function requestFields(schemaPath: string, skip: Record<string, string> = {}): Field[] {
  const id = SCHEMA_BASE + schemaPath;
  const schema = schemaDocument(id);
  if (!schema) throw new Error(`unknown schema ${id}`);
  const out: Field[] = [];
  const walk = (node: Json, root: Json, base: string, prefix: string[], depth: number, always: boolean) => {
    const { props, required } = objectParts(node, root, base);
    for (const [name, raw] of Object.entries(props)) {
      const path = [...prefix, name];
      if (pathName(path) in skip || `${pathName(prefix)}.*` in skip) continue;
      const field = fieldOf(path, always && required.has(name), raw as Json);
      if (prefix.length > 0) field.nested = true;
      out.push(field);
      if (depth >= 4) continue;
      const nested = resolve(raw as Json, (raw as Json).__root, (raw as Json).__base);
      if (field.types.includes('object') && (nested.node.properties || nested.node.allOf))
        walk(nested.node, nested.root, nested.base, path, depth + 1, field.required);
      // An array of objects (a batch's details): the members of its elements.
      const items = nested.node.items as Json | undefined;
      if (field.types.includes('array') && items) {
        const item = resolve(items, nested.root, nested.base);
        if (item.node.properties || item.node.allOf)
          walk(item.node, item.root, item.base, [...path, EACH], depth + 1, field.required);
      }
    }
  };
  walk(schema, schema, id, [], 0, true);
  return out;
}

/** A path as people read it: `beneficiary.destination.type`, `payout_order_details[].amount`. */
export function pathName(path: string[]): string {
  return path.reduce((s, p) => (p === EACH ? `${s}${EACH}` : s ? `${s}.${p}` : p), '');
}

/** The members of a top-level `anyOf` of single-member `required` lists: "one of these is required". */
export function requiredOneOf(schemaPath: string): string[] | undefined {
  const schema = schemaDocument(SCHEMA_BASE + schemaPath);
  const alts = schema?.anyOf as Json[] | undefined;
  if (!alts?.every((a) => Array.isArray(a.required) && a.required.length === 1)) return undefined;
  return alts.map((a) => a.required[0] as string);
}
