import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { compiled, schemasDir } from './paths.js';

// Ajv is loaded only when a schema must be compiled here: a run of compiled paycert uses the validators that
// paycert-schemas precompiled at build time (one require of Ajv standalone code instead of ~50 compiles).
const load = createRequire(import.meta.url);

export const SCHEMA_BASE = 'https://paycert.dev/schemas/';
export { schemasDir };

/** Every `*.schema.json` below schemas/ except the test corpus and generated types. */
export function schemaFiles(dir = schemasDir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['tests', 'types', 'dist', 'openapi', 'node_modules'].includes(entry.name))
        out.push(...schemaFiles(path));
    } else if (entry.name.endsWith('.schema.json')) out.push(path);
  }
  return out.sort();
}

/** The options of every Ajv that validates for paycert; schemas/build-validators.mjs precompiles with the same. */
export const AJV_OPTIONS = { strict: true, allErrors: true, allowUnionTypes: true } as const;

function createAjv(): Ajv2020 {
  const { Ajv2020 } = load('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = load('ajv-formats') as typeof import('ajv-formats');
  // strict: true so a typo in a schema keyword fails loudly instead of validating nothing.
  const ajv = new Ajv2020(AJV_OPTIONS);
  addFormats.default(ajv);
  for (const file of schemaFiles()) {
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    const expected = SCHEMA_BASE + relative(schemasDir, file).split('\\').join('/');
    if (schema.$id !== expected) throw new Error(`${file}: $id must be ${expected}, found ${schema.$id}`);
    ajv.addSchema(schema);
  }
  return ajv;
}

let shared: Ajv2020 | undefined;

/** The one Ajv instance of the process: schemas are added once, compiled lazily by $id. */
export function registry(): Ajv2020 {
  shared ??= createAjv();
  return shared;
}

const documents = new Map<string, Record<string, any>>();

/**
 * A schema document as written, by $id (no fragment), without Ajv: what reads a schema's shape (the generated
 * checks' schema walk) needs no compiled validator, and compiling them all cost a run ~135 ms of start-up.
 */
export function schemaDocument(id: string): Record<string, any> | undefined {
  let doc = documents.get(id);
  if (doc === undefined && id.startsWith(SCHEMA_BASE) && !id.includes('#')) {
    try {
      doc = JSON.parse(readFileSync(join(schemasDir, id.slice(SCHEMA_BASE.length)), 'utf8')) as Record<
        string,
        any
      >;
    } catch {
      return undefined;
    }
    if (doc.$id !== id) return undefined;
    documents.set(id, doc);
  }
  return doc;
}

/** Accepts a full $id or a path relative to schemas/ (e.g. `lesspay/envelope.schema.json`). */
export function schemaId(idOrPath: string): string {
  return idOrPath.startsWith('https://') ? idOrPath : SCHEMA_BASE + idOrPath;
}

type Precompiled = Record<string, ValidateFunction>;
let precompiled: Precompiled | null | undefined;

/**
 * The standalone validators of paycert-schemas (schemas/dist/validators.cjs), used by compiled paycert only: from
 * the sources (the project's tests) every schema is compiled live, so an edited schema counts at once.
 */
export function precompiledValidators(): Precompiled | null {
  if (precompiled === undefined) {
    try {
      precompiled = compiled ? (load(join(schemasDir, 'dist/validators.cjs')) as Precompiled) : null;
    } catch {
      precompiled = null;
    }
  }
  return precompiled;
}

const single = new Map<string, ValidateFunction | null>();

/**
 * One schema's standalone validator (schemas/dist/validators/<folder>/<name>.schema.cjs, compiled paycert only): a
 * run requires the few it uses (~2 ms each) instead of the module of all of them (~25 ms); a paycert-schemas built
 * before the split has only that module, which is then used.
 */
function precompiledValidator(id: string): ValidateFunction | undefined {
  if (!compiled) return undefined;
  let fn = single.get(id);
  if (fn === undefined) {
    const rel = id.startsWith(SCHEMA_BASE)
      ? id.slice(SCHEMA_BASE.length).replace(/\.json$/, '.cjs')
      : undefined;
    try {
      fn = rel ? ((load(join(schemasDir, 'dist/validators', rel)) as Precompiled)[id] ?? null) : null;
    } catch {
      fn = null;
    }
    fn ??= precompiledValidators()?.[id] ?? null;
    single.set(id, fn);
  }
  return fn ?? undefined;
}

/** A schema `$id` the registry does not hold: callers that can do without the schema tell it by name. */
export class UnknownSchemaError extends Error {
  constructor(readonly schemaId: string) {
    super(`unknown schema ${schemaId}`);
    this.name = 'UnknownSchemaError';
  }
}

export function validatorFor(idOrPath: string): ValidateFunction {
  const id = schemaId(idOrPath);
  const fn = precompiledValidator(id) ?? registry().getSchema(id);
  if (!fn) throw new UnknownSchemaError(id);
  return fn;
}

export interface SchemaProblem {
  pointer: string;
  message: string;
  expected?: unknown;
  received?: unknown;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: any = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

function expectedOf(e: ErrorObject): unknown {
  const p = e.params as Record<string, unknown>;
  if ('allowedValues' in p) return p.allowedValues;
  if ('allowedValue' in p) return p.allowedValue;
  if ('type' in p) return `type ${p.type}`;
  if ('pattern' in p) return `pattern ${p.pattern}`;
  if ('format' in p) return `format ${p.format}`;
  if ('missingProperty' in p) return `property "${p.missingProperty}"`;
  if ('limit' in p) return `${e.keyword} ${p.limit}`;
  return e.keyword;
}

/**
 * Readable problems: JSON pointer, what the schema expected, what the data held. The `const` branches of a code
 * table's `oneOf` fold into one problem ("one of 0, 10, 11, …"), and the `oneOf`/`if` wrappers are dropped.
 */
export function explain(errors: ErrorObject[] | null | undefined, data: unknown): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const tables = new Map<string, SchemaProblem & { values: unknown[] }>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const pointer = e.instancePath || '/';
    const received = e.keyword === 'required' ? '(absent)' : valueAt(data, e.instancePath);
    if (e.keyword === 'const' && /\/(oneOf|anyOf)\/\d+\/const$/.test(e.schemaPath)) {
      const key = `${pointer} ${e.schemaPath.replace(/\/\d+\/const$/, '')}`;
      let table = tables.get(key);
      if (!table) {
        table = { pointer, message: '', expected: undefined, received, values: [] };
        tables.set(key, table);
        out.push(table);
      }
      table.values.push((e.params as { allowedValue: unknown }).allowedValue);
      continue;
    }
    out.push({ pointer, message: `${pointer} ${e.message ?? e.keyword}`, expected: expectedOf(e), received });
  }
  for (const t of tables.values()) {
    t.expected = `one of ${t.values.map((v) => JSON.stringify(v)).join(', ')}`;
    t.message = `${t.pointer} must be ${t.expected}`;
    delete (t as { values?: unknown[] }).values;
  }
  return out;
}

export function validate(idOrPath: string, data: unknown): { valid: boolean; problems: SchemaProblem[] } {
  const fn = validatorFor(idOrPath);
  const valid = fn(data) as boolean;
  return { valid, problems: valid ? [] : explain(fn.errors, data) };
}
