import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual, ensureJsonObject, ensureOneOf } from '../../../src/checks/response.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
import {
  call,
  cashierOrder,
  createBody,
  DAY_MS,
  locateOrder,
  MSG,
  needPayOrderId,
  orderAmount,
  PATH,
  queryBody,
  queryFound,
  requestId,
  SEVEN_DAYS_MS,
  type Window,
  windowAround,
} from './fixtures.js';
import {
  BREAKS_SIGNED_CALLS,
  BREAKS_SIGNED_REFUSALS,
  BREAKS_SIGNED_REQUESTS,
} from './precondition-faults.js';

// L8: query pay-in order. Queries use the docs' form (numbers as strings) unless a check says otherwise;
// every window contains the creation time of the order it looks for.

const STATUS_NAMES = [
  'PENDING_CONFIRM',
  'PENDING_PAY',
  'SUCCEED',
  'FAILED',
  'CANCELED',
  'REFUND',
  'CLOSED',
  'PARTIAL_SUCCESS',
  'PAID',
];
const STATUS_INTS = [0, 1, 2, 3, 4, 5, 6, 11, 12];

async function query(t: CheckContext, body: Record<string, unknown>) {
  return (await call(t, PATH.queryPayin, body)).body;
}

function ensureNonZero(code: unknown, what: string): void {
  ensure(code !== 0, `${what} is answered with code 0`, 'a non-zero code', code);
}

/** A time-window error for the cashier order's request_id: the only thing wrong is the window. */
async function ensureTimeError(t: CheckContext, win: Window): Promise<void> {
  const order = await t.use(cashierOrder);
  const body = await query(t, queryBody({ request_id: order.requestId }, win));
  ensureNonZero(body.code, 'a bad time window');
  ensureEqual(body.msg, MSG.time, 'msg');
}

/** Queries the cashier order with `body` and judges that it is found: code 0 and the order located. */
async function ensureFound(t: CheckContext, body: Record<string, unknown>): Promise<void> {
  const order = await t.use(cashierOrder);
  const answer = await query(t, body);
  ensureEqual(answer.code, 0, 'code of a query for an existing order');
  const found = locateOrder(answer.data, order);
  ensure(
    found !== undefined,
    'the order is neither data nor an element of an array inside data',
    'the order',
    answer.data,
  );
}

export default probes('lesspay · query-order', (p) => {
  p.check(
    {
      id: 'LP-QO-001',
      title: 'a query with neither request_id nor pay_order_id gets a non-zero code',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        'neither `request_id` nor `pay_order_id`: non-zero code and `msg` exactly `mchOrderNo and payOrderId cannot be empty at the same time`. MUST.',
      spec: { section: 'profile L8' },
      killedBy: ['param-error-code-zero'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const body = await query(t, queryBody({}));
      ensureNonZero(body.code, 'a query with neither id');
    },
  );

  p.check(
    {
      id: 'LP-QO-002',
      title: 'a query with neither id gets msg "mchOrderNo and payOrderId cannot be empty …"',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        'mchOrderNo and payOrderId cannot be empty at the same time | Neither request_id nor pay_order_id was provided.',
      spec: { section: 'lesspay §5.3 query-order msg values' },
      killedBy: ['param-error-code-zero', 'query-msg-neither-id-wrong', 'string-numbers-rejected'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const body = await query(t, queryBody({}));
      ensureEqual(body.msg, MSG.neitherId, 'msg');
    },
  );

  p.check(
    {
      id: 'LP-QO-003',
      title: 'a query for an unknown order gets a non-zero code',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        'no matching order: non-zero code (SHOULD 1202) and `msg` exactly `Order does not exist`. MUST.',
      spec: { section: 'profile L8' },
      killedBy: ['query-not-found-code-zero'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const body = await query(t, queryBody({ request_id: requestId(t, 'NX') }));
      ensureNonZero(body.code, 'a query for an unknown order');
    },
  );

  p.check(
    {
      id: 'LP-QO-004',
      title: 'a query for an unknown order gets msg "Order does not exist"',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause: 'Order does not exist | No order found matching the provided identifiers.',
      spec: { section: 'lesspay §5.3 query-order msg values' },
      killedBy: ['query-msg-not-found-wrong', 'string-numbers-rejected'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const body = await query(t, queryBody({ request_id: requestId(t, 'NX') }));
      ensureEqual(body.msg, MSG.notFound, 'msg');
    },
  );

  p.check(
    {
      id: 'LP-QO-005',
      title: 'a query for an unknown order gets code 1202',
      level: 'SHOULD',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        '1202 | Data Not Found | Unable to find the target order/resource. Verify the pay_order_id or request_id.',
      spec: { section: 'lesspay §5.2 Pay-In business error codes' },
      killedBy: [
        'code-outside-table',
        'not-found-code-not-1202',
        'query-not-found-code-zero',
        'string-numbers-rejected',
      ],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const body = await query(t, queryBody({ request_id: requestId(t, 'NX') }));
      ensureEqual(body.code, 1202, 'code of a query for an unknown order');
    },
  );

  p.check(
    {
      id: 'LP-QO-006',
      title: 'a window of 604 800 001 ms gets a non-zero code and msg "Request time error"',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause: 'Request time error | The start_time >= end_time, or the time span exceeds 7 days.',
      spec: { section: 'lesspay §5.3 query-order msg values' },
      killedBy: [
        'param-error-code-zero',
        'query-msg-time-wrong',
        'seven-day-rule-not-enforced',
        'string-numbers-rejected',
      ],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'errors-as-text'],
    },
    async (t) => {
      await ensureTimeError(t, windowAround(SEVEN_DAYS_MS + 1));
    },
  );

  p.check(
    {
      id: 'LP-QO-007',
      title: 'start_time equal to end_time gets a non-zero code and msg "Request time error"',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      killedBy: [
        'param-error-code-zero',
        'query-msg-time-wrong',
        'start-equals-end-accepted',
        'string-numbers-rejected',
      ],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'errors-as-text'],
    },
    async (t) => {
      const now = Date.now();
      await ensureTimeError(t, { start: now, end: now });
    },
  );

  p.check(
    {
      id: 'LP-QO-008',
      title: 'start_time after end_time gets a non-zero code and msg "Request time error"',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      killedBy: [
        'param-error-code-zero',
        'query-msg-time-wrong',
        'start-after-end-accepted',
        'string-numbers-rejected',
      ],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'errors-as-text'],
    },
    async (t) => {
      const now = Date.now();
      await ensureTimeError(t, { start: now + DAY_MS / 2, end: now - DAY_MS / 2 });
    },
  );

  p.check(
    {
      id: 'LP-QO-009',
      title: 'a window of exactly 604 800 000 ms is accepted and finds the order',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      killedBy: ['exact-seven-days-rejected', 'string-numbers-rejected'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request'],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      await ensureFound(t, queryBody({ request_id: order.requestId }, windowAround(SEVEN_DAYS_MS)));
    },
  );

  p.check(
    {
      id: 'LP-QO-010',
      title: "page, page_size and times as numeric strings (the docs' form) are accepted",
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        "Numbers may come as strings (docs example) or integers (demo); the docs' string form MUST be accepted.",
      spec: { section: 'lesspay §4.2 Fetch Payin' },
      killedBy: ['string-numbers-rejected'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request'],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      const answer = await query(t, queryBody({ request_id: order.requestId }));
      ensureEqual(answer.code, 0, 'code of a docs-form query (numbers as strings) for an existing order');
    },
  );

  p.check(
    {
      id: 'LP-QO-011',
      title: "page, page_size and times as JSON integers (the demo's form) are accepted",
      level: 'SHOULD',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        "Numbers may come as strings (docs example) or integers (demo); the docs' string form MUST be accepted.",
      spec: { section: 'lesspay §4.2 PayinQueryDTO' },
      note: "The profile makes only the string form MUST; the demo's integer form is accepted by the demo's own gateway, so SHOULD.",
      killedBy: ['integer-numbers-rejected'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'signature-long-numbers-as-double'],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      const answer = await query(t, queryBody({ request_id: order.requestId }, windowAround(), true));
      ensureEqual(answer.code, 0, 'code of a demo-form query (numbers as integers) for an existing order');
    },
  );

  p.check(
    {
      id: 'LP-QO-012',
      title: 'a found order is data itself or an element of an array inside data',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      note: 'Any array member of data may hold the order (records, list, …); the element is the one with the queried request_id or the created pay_order_id.',
      killedBy: ['data-not-object'],
      erroredBy: [
        ...BREAKS_SIGNED_REQUESTS,
        '500-on-valid-request',
        'code-as-string',
        'string-numbers-rejected',
        'success-code-nonzero',
      ],
    },
    async (t) => {
      // Creates its own order and judges the raw answers: a `data` that is not an object is this check's
      // failure, not a precondition (the create answer is only required to carry code 0).
      const created = createBody(t);
      const made = await t.post(PATH.createPayin, created);
      if (made.body?.code !== 0)
        throw new SetupError(
          `the valid create was refused (see LP-CO-001): HTTP ${made.status}`,
          'LP-CO-001',
        );
      const requestId = created.request_id as string;
      const body = ensureJsonObject(await t.post(PATH.queryPayin, queryBody({ request_id: requestId })));
      if (body.code !== 0)
        throw new SetupError(
          `the query was refused (see LP-QO-010): code ${JSON.stringify(body.code)}`,
          'LP-QO-010',
        );
      const found = locateOrder(body.data, { requestId });
      ensure(
        found !== undefined,
        'the order is neither data nor an element of an array inside data',
        'the order',
        body.data,
      );
    },
  );

  p.check(
    {
      id: 'LP-QO-013',
      title: 'a query by pay_order_id alone finds the order',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause: 'optional, one of request_id or pay_order_id',
      spec: { section: 'lesspay §4.2 PayinQueryDTO' },
      killedBy: ['query-pay-order-id-ignored', 'string-numbers-rejected'],
      erroredBy: [
        ...BREAKS_SIGNED_CALLS,
        '500-on-valid-request',
        'pay-order-id-missing',
        'pay-order-id-number',
      ],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      await ensureFound(t, queryBody({ pay_order_id: needPayOrderId(order) }));
    },
  );

  p.check(
    {
      id: 'LP-QO-014',
      title: 'a found order carries the pay_order_id that create returned',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      killedBy: ['query-wrong-pay-order-id'],
      erroredBy: [
        ...BREAKS_SIGNED_CALLS,
        '500-on-valid-request',
        'pay-order-id-missing',
        'pay-order-id-number',
        'string-numbers-rejected',
      ],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      const expected = needPayOrderId(order);
      ensureEqual((await queryFound(t, order)).pay_order_id, expected, 'pay_order_id of the found order');
    },
  );

  p.check(
    {
      id: 'LP-QO-015',
      title: 'a found order carries the queried request_id',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      killedBy: ['query-wrong-request-id'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'string-numbers-rejected'],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      ensureEqual((await queryFound(t, order)).request_id, order.requestId, 'request_id of the found order');
    },
  );

  p.check(
    {
      id: 'LP-QO-016',
      title: "a found order's amount is the created target_amount, as the same string",
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      note: 'The amount key is undocumented: target_amount, else amount. "100.50" must come back as "100.50".',
      killedBy: ['query-amount-number', 'query-amount-trailing-zero-dropped', 'query-wrong-amount'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'string-numbers-rejected'],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      ensureEqual(
        orderAmount(await queryFound(t, order)),
        order.amount,
        'amount (target_amount) of the found order',
      );
    },
  );

  p.check(
    {
      id: 'LP-QO-017',
      title: "a found order's order_status is a value of the order-status table",
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      clause: '0 | PENDING_CONFIRM | Order created, awaiting confirmation',
      spec: { section: 'lesspay §5.5 Order status' },
      killedBy: ['query-status-outside-table'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'string-numbers-rejected'],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      const status = (await queryFound(t, order)).order_status;
      ensureOneOf(status, [...STATUS_INTS, ...STATUS_NAMES], 'order_status of the found order');
    },
  );

  p.check(
    {
      id: 'LP-QO-018',
      title: 'a new unpaid cashier order is PENDING_CONFIRM or PENDING_PAY (0 or 1)',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L8' },
      killedBy: ['query-new-order-succeed', 'query-status-outside-table'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'string-numbers-rejected'],
    },
    async (t) => {
      const order = await t.use(cashierOrder);
      const status = (await queryFound(t, order)).order_status;
      ensureOneOf(
        status,
        [0, 1, 'PENDING_CONFIRM', 'PENDING_PAY'],
        'order_status of a new unpaid cashier order',
      );
    },
  );
});
