import { ensureJsonObject, ensureSchema } from '../../../src/checks/response.js';
import { probes } from '../../../src/engine/probe-file.js';
import { batchBody, createBody, PATH, queryBody, requestId, without } from './fixtures.js';

// L2: the envelope on success and on errors, validated with the schemas of schemas/lesspay.

const PAYIN_ENVELOPE = 'https://paycert.dev/schemas/lesspay/pay-in-envelope.schema.json';
const PAYOUT_ENVELOPE = 'https://paycert.dev/schemas/lesspay/payout-envelope.schema.json';
const DOCUMENTED = new Set(['code', 'msg', 'data']);

export default probes('lesspay · envelope', (p) => {
  p.check(
    {
      id: 'LP-ENV-001',
      title: 'a successful pay-in answer is the envelope with an integer code from the table',
      level: 'MUST',
      reading: 'L2',
      endpoint: 'create-order',
      capability: 'payin',
      clause:
        '`code` is a JSON integer (never a string), `0` means success and only success. On pay-in endpoints a non-zero `code` is one of 10, 11, 12, 1201, 1202, 5000, 5002, 5003, 5004, 9999; payout endpoints may also use 30000–30079. `msg` is always a string (may be empty on success). MUST.',
      spec: { section: 'profile L2' },
      killedBy: ['code-as-string', 'data-not-object', 'msg-missing', 'msg-null', 'success-code-nonzero'],
    },
    async (t) => {
      const body = ensureJsonObject(await t.post(PATH.createPayin, createBody(t)));
      ensureSchema(body, PAYIN_ENVELOPE);
      const extra = Object.keys(body).filter((k) => !DOCUMENTED.has(k));
      if (extra.length > 0) t.note(`undocumented envelope members (allowed): ${extra.join(', ')}`);
    },
  );

  p.check(
    {
      id: 'LP-ENV-002',
      title: 'a pay-in business error is the envelope with a code from the pay-in table',
      level: 'MUST',
      reading: 'L2',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        'In the JSON response body, the code field indicates the business result. The msg field provides a human-readable explanation.',
      spec: { section: 'lesspay §5.2 Pay-In business error codes' },
      killedBy: ['code-as-string', 'code-outside-table', 'errors-as-text', 'msg-missing', 'msg-null'],
    },
    async (t) => {
      const res = await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }));
      ensureSchema(ensureJsonObject(res), PAYIN_ENVELOPE);
    },
  );

  p.check(
    {
      id: 'LP-ENV-003',
      title: 'a pay-in parameter error is the envelope with a code from the pay-in table',
      level: 'MUST',
      reading: 'L2',
      endpoint: 'create-order',
      capability: 'payin',
      clause:
        '`code` is a JSON integer (never a string), `0` means success and only success. On pay-in endpoints a non-zero `code` is one of 10, 11, 12, 1201, 1202, 5000, 5002, 5003, 5004, 9999; payout endpoints may also use 30000–30079. `msg` is always a string (may be empty on success). MUST.',
      spec: { section: 'profile L2' },
      killedBy: ['code-as-string', 'code-outside-table', 'errors-as-text', 'msg-missing', 'msg-null'],
    },
    async (t) => {
      const res = await t.post(PATH.createPayin, without(createBody(t), 'product_name'));
      ensureSchema(ensureJsonObject(res), PAYIN_ENVELOPE);
    },
  );

  p.check(
    {
      id: 'LP-ENV-004',
      title: 'a payout success answer is the envelope with an integer code',
      level: 'MUST',
      reading: 'L2',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: '`{ "code": integer, "msg": string, "data"?: object|null }`.',
      spec: { section: 'profile L2' },
      killedBy: ['code-as-string', 'data-not-object', 'msg-missing', 'msg-null', 'success-code-nonzero'],
    },
    async (t) => {
      const res = await t.post(PATH.createBatch, batchBody(t));
      ensureSchema(ensureJsonObject(res), PAYOUT_ENVELOPE);
    },
  );

  p.check(
    {
      id: 'LP-ENV-005',
      title: 'a payout error is the envelope with a pay-in table code or one of 30000–30079',
      level: 'MUST',
      reading: 'L2',
      endpoint: 'payout-query',
      capability: 'payout',
      clause: 'Pay Out Business Error Codes (30000-30079)',
      spec: { section: 'lesspay §5.4 Pay-Out business error codes' },
      killedBy: ['code-as-string', 'code-outside-table', 'errors-as-text', 'msg-missing', 'msg-null'],
    },
    async (t) => {
      const res = await t.post(PATH.queryPayout, { request_id: t.uniqueId('NX', 64) });
      ensureSchema(ensureJsonObject(res), PAYOUT_ENVELOPE);
    },
  );
});
