import {
  type CheckContext,
  check,
  ensure,
  ensureEqual,
  ensureJsonObject,
  ensureOneOf,
  SetupError,
} from '../../../src/index.js';
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

describe('lesspay · query-order', () => {
  // check: a query with neither request_id nor pay_order_id gets a non-zero code
  check('LP-QO-001', async (t) => {
    const body = await query(t, queryBody({}));
    ensureNonZero(body.code, 'a query with neither id');
  });

  // check: a query with neither id gets msg "mchOrderNo and payOrderId cannot be empty …"
  check('LP-QO-002', async (t) => {
    const body = await query(t, queryBody({}));
    ensureEqual(body.msg, MSG.neitherId, 'msg');
  });

  // check: a query for an unknown order gets a non-zero code
  check('LP-QO-003', async (t) => {
    const body = await query(t, queryBody({ request_id: requestId(t, 'NX') }));
    ensureNonZero(body.code, 'a query for an unknown order');
  });

  // check: a query for an unknown order gets msg "Order does not exist"
  check('LP-QO-004', async (t) => {
    const body = await query(t, queryBody({ request_id: requestId(t, 'NX') }));
    ensureEqual(body.msg, MSG.notFound, 'msg');
  });

  // check: a query for an unknown order gets code 1202
  check('LP-QO-005', async (t) => {
    const body = await query(t, queryBody({ request_id: requestId(t, 'NX') }));
    ensureEqual(body.code, 1202, 'code of a query for an unknown order');
  });

  // check: a window of 604 800 001 ms gets a non-zero code and msg "Request time error"
  check('LP-QO-006', async (t) => {
    await ensureTimeError(t, windowAround(SEVEN_DAYS_MS + 1));
  });

  // check: start_time equal to end_time gets a non-zero code and msg "Request time error"
  check('LP-QO-007', async (t) => {
    const now = Date.now();
    await ensureTimeError(t, { start: now, end: now });
  });

  // check: start_time after end_time gets a non-zero code and msg "Request time error"
  check('LP-QO-008', async (t) => {
    const now = Date.now();
    await ensureTimeError(t, { start: now + DAY_MS / 2, end: now - DAY_MS / 2 });
  });

  // check: a window of exactly 604 800 000 ms is accepted and finds the order
  check('LP-QO-009', async (t) => {
    const order = await t.use(cashierOrder);
    await ensureFound(t, queryBody({ request_id: order.requestId }, windowAround(SEVEN_DAYS_MS)));
  });

  // check: page, page_size and times as numeric strings (the docs' form) are accepted
  check('LP-QO-010', async (t) => {
    const order = await t.use(cashierOrder);
    const answer = await query(t, queryBody({ request_id: order.requestId }));
    ensureEqual(answer.code, 0, 'code of a docs-form query (numbers as strings) for an existing order');
  });

  // check: page, page_size and times as JSON integers (the demo's form) are accepted
  check('LP-QO-011', async (t) => {
    const order = await t.use(cashierOrder);
    const answer = await query(t, queryBody({ request_id: order.requestId }, windowAround(), true));
    ensureEqual(answer.code, 0, 'code of a demo-form query (numbers as integers) for an existing order');
  });

  // check: a found order is data itself or an element of an array inside data
  check('LP-QO-012', async (t) => {
    // Creates its own order and judges the raw answers: a `data` that is not an object is this check's
    // failure, not a precondition (the create answer is only required to carry code 0).
    const created = createBody(t);
    const made = await t.post(PATH.createPayin, created);
    if (made.body?.code !== 0)
      throw new SetupError(`the valid create was refused (see LP-CO-001): HTTP ${made.status}`, 'LP-CO-001');
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
  });

  // check: a query by pay_order_id alone finds the order
  check('LP-QO-013', async (t) => {
    const order = await t.use(cashierOrder);
    await ensureFound(t, queryBody({ pay_order_id: needPayOrderId(order) }));
  });

  // check: a found order carries the pay_order_id that create returned
  check('LP-QO-014', async (t) => {
    const order = await t.use(cashierOrder);
    const expected = needPayOrderId(order);
    ensureEqual((await queryFound(t, order)).pay_order_id, expected, 'pay_order_id of the found order');
  });

  // check: a found order carries the queried request_id
  check('LP-QO-015', async (t) => {
    const order = await t.use(cashierOrder);
    ensureEqual((await queryFound(t, order)).request_id, order.requestId, 'request_id of the found order');
  });

  // check: a found order's amount is the created target_amount, as the same string
  check('LP-QO-016', async (t) => {
    const order = await t.use(cashierOrder);
    ensureEqual(
      orderAmount(await queryFound(t, order)),
      order.amount,
      'amount (target_amount) of the found order',
    );
  });

  // check: a found order's order_status is a value of the order-status table
  check('LP-QO-017', async (t) => {
    const order = await t.use(cashierOrder);
    const status = (await queryFound(t, order)).order_status;
    ensureOneOf(status, [...STATUS_INTS, ...STATUS_NAMES], 'order_status of the found order');
  });

  // check: a new unpaid cashier order is PENDING_CONFIRM or PENDING_PAY (0 or 1)
  check('LP-QO-018', async (t) => {
    const order = await t.use(cashierOrder);
    const status = (await queryFound(t, order)).order_status;
    ensureOneOf(
      status,
      [0, 1, 'PENDING_CONFIRM', 'PENDING_PAY'],
      'order_status of a new unpaid cashier order',
    );
  });
});
