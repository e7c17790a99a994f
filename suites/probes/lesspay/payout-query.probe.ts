import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual, ensureOneOf } from '../../../src/checks/response.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
import { batchPayout, call, expectRefused, PATH } from './fixtures.js';
import { BREAKS_SIGNED_CALLS, BREAKS_SIGNED_REFUSALS } from './precondition-faults.js';

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

export default probes('lesspay · payout query', (p) => {
  p.check(
    {
      id: 'LP-PQ-001',
      title: 'a payout query with neither id is refused (non-zero code, HTTP 400 or 200)',
      level: 'MUST',
      reading: 'L9',
      endpoint: 'payout-query',
      capability: 'payout',
      spec: { section: 'profile L9' },
      killedBy: [
        'param-error-code-zero',
        'param-error-http-422',
        'param-error-http-500',
        'payout-query-no-id-accepted',
      ],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-empty-body-ampersand'],
    },
    async (t) => {
      await expectRefused(t, await t.post(PATH.queryPayout, {}));
    },
  );

  p.check(
    {
      id: 'LP-PQ-002',
      title: 'a payout query for an unknown payout gets a non-zero code',
      level: 'MUST',
      reading: 'L9',
      endpoint: 'payout-query',
      capability: 'payout',
      spec: { section: 'profile L9' },
      killedBy: ['payout-query-unknown-code-zero'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const { body } = await call(t, PATH.queryPayout, { request_id: t.uniqueId('NX', 64) });
      ensure(body.code !== 0, 'an unknown payout is answered with code 0', 'a non-zero code', body.code);
    },
  );

  p.check(
    {
      id: 'LP-PQ-003',
      title: 'a payout query for an unknown payout gets code 30020',
      level: 'SHOULD',
      reading: 'L9',
      endpoint: 'payout-query',
      capability: 'payout',
      clause: '30020 | Order Not Found | Verify pay_order_id or request_id.',
      spec: { section: 'lesspay §5.4 Pay-Out business error codes' },
      killedBy: ['code-outside-table', 'payout-query-unknown-code-zero', 'payout-unknown-code-not-30020'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const { body } = await call(t, PATH.queryPayout, { request_id: t.uniqueId('NX', 64) });
      ensureOneOf(body.code, [30020], 'code of a query for an unknown payout');
    },
  );

  p.check(
    {
      id: 'LP-PQ-004',
      title: "a found payout's data carries the seven fields of the Fetch Payout answer",
      level: 'MUST',
      reading: 'L9',
      endpoint: 'payout-query',
      capability: 'payout',
      clause:
        '"data": { "pay_order_id": "", "request_id": "", "order_status": "", "currency": "", "total_amount": "", "fail_reason": "", "created_at',
      spec: { section: 'lesspay §4.5 Fetch Payout' },
      note: 'fail_reason may be null; presence of the member is what is judged.',
      killedBy: ['payout-query-missing-fields'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays'],
    },
    async (t) => {
      const payout = await t.use(batchPayout);
      const { body } = await call(t, PATH.queryPayout, { request_id: payout.requestId });
      ensureEqual(body.code, 0, 'code of a query for an existing payout');
      const data = body.data ?? {};
      const absent = FIELDS.filter((f) => !(f in data));
      ensure(absent.length === 0, `data lacks ${absent.join(', ')}`, FIELDS, Object.keys(data));
    },
  );

  p.check(
    {
      id: 'LP-PQ-005',
      title: "a found payout's total_amount is the created total, as the same string",
      level: 'MUST',
      reading: 'L9',
      endpoint: 'payout-query',
      capability: 'payout',
      spec: { section: 'profile L9' },
      killedBy: ['payout-query-amount-number'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays'],
    },
    async (t) => {
      const { payout, data } = await queryBatch(t);
      ensureEqual(data.total_amount, payout.totalAmount, 'total_amount of the found payout');
    },
  );

  p.check(
    {
      id: 'LP-PQ-006',
      title: 'a found payout carries the queried request_id and the created pay_order_id',
      level: 'MUST',
      reading: 'L9',
      endpoint: 'payout-query',
      capability: 'payout',
      spec: { section: 'profile L9' },
      killedBy: ['payout-query-wrong-request-id'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays'],
    },
    async (t) => {
      const { payout, data } = await queryBatch(t);
      const expected = { request_id: payout.requestId, pay_order_id: payout.payOrderId ?? data.pay_order_id };
      ensureEqual(
        { request_id: data.request_id, pay_order_id: data.pay_order_id },
        expected,
        'identifiers of the found payout',
      );
    },
  );
});
