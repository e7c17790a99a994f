// paycert-schemas: every schema by $id, read from this package's files. No dependencies: bring your own validator.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCHEMA_BASE = 'https://paycert.dev/schemas/';

/** The folders holding schemas; `tests/` (the example corpus) and `types/` are not schemas. */
export const FOLDERS = ['lesspay', 'payloco', 'paycert'];

const root = new URL('./', import.meta.url);

/** Every schema's $id, sorted: `SCHEMA_BASE + <folder>/<name>.schema.json`. */
export const schemaIds = FOLDERS.flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, root))
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => `${SCHEMA_BASE}${folder}/${f}`),
);

/** The file path of a schema, from its $id or its path below the package (`lesspay/envelope.schema.json`). */
export function schemaPath(idOrPath) {
  const rel = idOrPath.startsWith(SCHEMA_BASE) ? idOrPath.slice(SCHEMA_BASE.length) : idOrPath;
  const path = rel.split('#')[0];
  if (!schemaIds.includes(SCHEMA_BASE + path)) throw new Error(`paycert-schemas has no schema ${idOrPath}`);
  return fileURLToPath(new URL(path, root));
}

/** One schema, parsed; every call returns a fresh copy. */
export function loadSchema(idOrPath) {
  return JSON.parse(readFileSync(schemaPath(idOrPath), 'utf8'));
}

/** Every schema, parsed: hand them all to a validator (e.g. `new Ajv2020({ schemas: allSchemas() })`). */
export function allSchemas() {
  return schemaIds.map(loadSchema);
}
