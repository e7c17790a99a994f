// The floor a paycert run's per-check cost is held against (issue 26): a plain Node script, as a tester would write
// it without paycert, that sends N signed Lesspay query-order requests with fetch (4 in flight) and checks each
// answer with Ajv against the pay-in envelope schema. Timed as a whole process, start-up included, by bench/startup.ts.
// Usage: node bench/floor.mjs BASE_URL N   (LESSPAY_APP_ID and LESSPAY_APP_SECRET in the environment)
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { allSchemas } from 'paycert-schemas';
import { lesspaySign } from '../dist/src/signing/lesspay.js';

const [base, count] = [process.argv[2], Number(process.argv[3] ?? 30)];
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats.default(ajv);
for (const schema of allSchemas()) ajv.addSchema(schema);
const validate = ajv.getSchema('https://paycert.dev/schemas/lesspay/pay-in-envelope.schema.json');
const appId = process.env.LESSPAY_APP_ID;
const secret = process.env.LESSPAY_APP_SECRET;
let next = 0;
let valid = 0;
async function lane() {
  while (next < count) {
    const body = { request_id: `FLOOR${String(next++).padStart(8, '0')}` };
    const res = await fetch(`${base}/api/global/v1/pay/query-order`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-auth-appid': appId,
        'x-auth-signature': lesspaySign(body, secret),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (validate(await res.json())) valid++;
  }
}
await Promise.all([lane(), lane(), lane(), lane()]);
if (valid !== count) {
  console.error(`floor: ${count - valid} of ${count} answers did not match the envelope schema`);
  process.exit(1);
}
