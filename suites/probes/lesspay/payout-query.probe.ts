import {
  type CheckContext,
  check,
  ensure,
  ensureEqual,
  ensureOneOf,
  SetupError,
} from '../../../src/index.js';
import { batchPayout, call, expectRefused, PATH } from './fixtures.js';

// L9: query payout. The found checks query the run's batch payout by its request_id.

const FIELDS = [
  'pay_order_id',
  'request_id',
  'order_status',
  'currency',
  'total_amount',
  'fail_reason',
  'created_at',
];

async function queryBatch(t: CheckContext) {
  const payout = await t.use(batchPayout);
  const { body } = await call(t, PATH.queryPayout, { request_id: payout.requestId });
  if (body.code !== 0 || body.data === null || typeof body.data !== 'object') {
    throw new SetupError(
      `the payout ${payout.requestId} could not be queried (see LP-PQ-004): code ${body.code}`,
      'LP-PQ-004',
    );
  }
  return { payout, data: body.data as Record<string, any> };
}

describe('lesspay · payout query', () => {
  // check: a payout query with neither id is refused (non-zero code, HTTP 400 or 200)
  check('LP-PQ-001', async (t) => {
    await expectRefused(t, await t.post(PATH.queryPayout, {}));
  });

  // check: a payout query for an unknown payout gets a non-zero code
  check('LP-PQ-002', async (t) => {
    const { body } = await call(t, PATH.queryPayout, { request_id: t.uniqueId('NX', 64) });
    ensure(body.code !== 0, 'an unknown payout is answered with code 0', 'a non-zero code', body.code);
  });

  // check: a payout query for an unknown payout gets code 30020
  check('LP-PQ-003', async (t) => {
    const { body } = await call(t, PATH.queryPayout, { request_id: t.uniqueId('NX', 64) });
    ensureOneOf(body.code, [30020], 'code of a query for an unknown payout');
  });

  // check: a found payout's data carries the seven fields of the Fetch Payout answer
  check('LP-PQ-004', async (t) => {
    const payout = await t.use(batchPayout);
    const { body } = await call(t, PATH.queryPayout, { request_id: payout.requestId });
    ensureEqual(body.code, 0, 'code of a query for an existing payout');
    const data = body.data ?? {};
    const absent = FIELDS.filter((f) => !(f in data));
    ensure(absent.length === 0, `data lacks ${absent.join(', ')}`, FIELDS, Object.keys(data));
  });

  // check: a found payout's total_amount is the created total, as the same string
  check('LP-PQ-005', async (t) => {
    const { payout, data } = await queryBatch(t);
    ensureEqual(data.total_amount, payout.totalAmount, 'total_amount of the found payout');
  });

  // check: a found payout carries the queried request_id and the created pay_order_id
  check('LP-PQ-006', async (t) => {
    const { payout, data } = await queryBatch(t);
    const expected = { request_id: payout.requestId, pay_order_id: payout.payOrderId ?? data.pay_order_id };
    ensureEqual(
      { request_id: data.request_id, pay_order_id: data.pay_order_id },
      expected,
      'identifiers of the found payout',
    );
  });
});
