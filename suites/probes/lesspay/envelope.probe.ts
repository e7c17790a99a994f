import { check, ensureJsonObject, ensureSchema } from '../../../src/index.js';
import { batchBody, createBody, PATH, queryBody, requestId, without } from './fixtures.js';

// L2: the envelope on success and on errors, validated with the schemas of schemas/lesspay.

const PAYIN_ENVELOPE = 'https://paycert.dev/schemas/lesspay/pay-in-envelope.schema.json';
const PAYOUT_ENVELOPE = 'https://paycert.dev/schemas/lesspay/payout-envelope.schema.json';
const DOCUMENTED = new Set(['code', 'msg', 'data']);

describe('lesspay · envelope', () => {
  // check: a successful pay-in answer is the envelope with an integer code from the table
  check('LP-ENV-001', async (t) => {
    const body = ensureJsonObject(await t.post(PATH.createPayin, createBody(t)));
    ensureSchema(body, PAYIN_ENVELOPE);
    const extra = Object.keys(body).filter((k) => !DOCUMENTED.has(k));
    if (extra.length > 0) t.note(`undocumented envelope members (allowed): ${extra.join(', ')}`);
  });

  // check: a pay-in business error is the envelope with a code from the pay-in table
  check('LP-ENV-002', async (t) => {
    const res = await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }));
    ensureSchema(ensureJsonObject(res), PAYIN_ENVELOPE);
  });

  // check: a pay-in parameter error is the envelope with a code from the pay-in table
  check('LP-ENV-003', async (t) => {
    const res = await t.post(PATH.createPayin, without(createBody(t), 'product_name'));
    ensureSchema(ensureJsonObject(res), PAYIN_ENVELOPE);
  });

  // check: a payout success answer is the envelope with an integer code
  check('LP-ENV-004', async (t) => {
    const res = await t.post(PATH.createBatch, batchBody(t));
    ensureSchema(ensureJsonObject(res), PAYOUT_ENVELOPE);
  });

  // check: a payout error is the envelope with a pay-in table code or one of 30000–30079
  check('LP-ENV-005', async (t) => {
    const res = await t.post(PATH.queryPayout, { request_id: t.uniqueId('NX', 64) });
    ensureSchema(ensureJsonObject(res), PAYOUT_ENVELOPE);
  });
});
