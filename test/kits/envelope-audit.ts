// Test-only: every JSON answer a conformant mock gives in its own tests is checked against the published envelope
// schemas. It compiles schemas/ with an Ajv of its own (never the harness's registry), so the mocks stay an
// independent implementation that only shares the schema files.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const schemasDir = new URL('../../schemas/', import.meta.url);
let ajv: Ajv2020 | undefined;

function compiled(id: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats.default(ajv);
    for (const gateway of ['lesspay', 'payloco']) {
      const dir = new URL(`${gateway}/`, schemasDir);
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) {
        ajv.addSchema(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
      }
    }
  }
  const fn = ajv.getSchema(`https://paycert.dev/schemas/${id}`);
  if (!fn) throw new Error(`no schema ${id}`);
  return fn;
}

/** Throws when `body` does not match the schema `id` (a path below schemas/). */
export function auditEnvelope(id: string, body: unknown, where: string): void {
  const fn = compiled(id);
  if (fn(body)) return;
  const problems = (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).slice(0, 5);
  throw new Error(`${where}: answer does not match ${id}: ${problems.join('; ')}\n${JSON.stringify(body)}`);
}

/** The Lesspay envelope schema an answer on `path` must match (pay-in table, payout table, or the base). */
export function lesspayEnvelopeFor(path: string): string {
  if (path.startsWith('/api/global/v1/pay/')) return 'lesspay/pay-in-envelope.schema.json';
  if (path.startsWith('/api/global/payout/')) return 'lesspay/payout-envelope.schema.json';
  return 'lesspay/envelope.schema.json';
}
