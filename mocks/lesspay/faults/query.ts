import { dec } from '../decimal.js';
import { PATHS } from '../routes.js';
import { editBody, editData, type FaultSet, type ResponseContext } from './types.js';

const on =
  (reason: string, edit: (b: Record<string, unknown>) => void) =>
  (out: Parameters<typeof editBody>[0], { path, reply }: ResponseContext) =>
    path === PATHS.queryPayin && reply.reason === reason ? editBody(out, edit) : out;

const found =
  (edit: (order: Record<string, unknown>) => void) =>
  (out: Parameters<typeof editData>[0], ctx: ResponseContext) =>
    ctx.path === PATHS.queryPayin && ctx.reply.code === 0 ? editData(out, edit) : out;

/** "100.50" → "10050": the amount in minor units. */
function minorUnits(amount: string): string {
  const d = dec(amount);
  return ((d.units * 100n) / 10n ** BigInt(d.scale)).toString();
}

export const queryFaults: FaultSet = {
  'query-msg-neither-id-wrong': {
    reading: 'L8',
    level: 'MUST',
    description:
      'Neither id given: msg is "request_id or pay_order_id is required" instead of the documented text.',
    respond: on('neither-id', (b) => (b.msg = 'request_id or pay_order_id is required')),
  },
  'query-msg-not-found-wrong': {
    reading: 'L8',
    level: 'MUST',
    description: 'No matching order: msg is "Order not found" instead of "Order does not exist".',
    respond: on('not-found', (b) => (b.msg = 'Order not found')),
  },
  'query-msg-time-wrong': {
    reading: 'L8',
    level: 'MUST',
    description: 'Bad time window: msg is "Invalid time range" instead of "Request time error".',
    respond: on('time', (b) => (b.msg = 'Invalid time range')),
  },
  'query-not-found-code-zero': {
    reading: 'L8',
    level: 'MUST',
    description: 'No matching order: code 0 with msg "Order does not exist" and data null.',
    respond: on('not-found', (b) => (b.code = 0)),
  },
  'not-found-code-not-1202': {
    reading: 'L8',
    level: 'SHOULD',
    description: 'No matching order: code 5003 instead of 1202 (msg unchanged).',
    respond: on('not-found', (b) => (b.code = 5003)),
  },
  'seven-day-rule-not-enforced': {
    reading: 'L8',
    level: 'MUST',
    description: 'A window longer than 7 days is accepted.',
    flags: { queryMaxSpanMs: Number.MAX_SAFE_INTEGER },
  },
  'exact-seven-days-rejected': {
    reading: 'L8',
    level: 'MUST',
    description: 'A window of exactly 604 800 000 ms is refused with "Request time error".',
    flags: { queryExactSpanAccepted: false },
  },
  'start-after-end-accepted': {
    reading: 'L8',
    level: 'MUST',
    description: 'start_time > end_time is accepted.',
    flags: { queryRejectStartAfterEnd: false },
  },
  'start-equals-end-accepted': {
    reading: 'L8',
    level: 'MUST',
    description: 'start_time = end_time is accepted.',
    flags: { queryRejectEqualTimes: false },
  },
  'string-numbers-rejected': {
    reading: 'L8',
    level: 'MUST',
    description:
      'page, page_size, start_time, end_time as numeric strings (the docs form) are refused with code 11.',
    flags: { queryStringNumbersAccepted: false },
  },
  'integer-numbers-rejected': {
    reading: 'L8',
    level: 'SHOULD',
    description:
      'page, page_size, start_time, end_time as JSON integers (the demo form) are refused with code 11.',
    flags: { queryIntegerNumbersAccepted: false },
  },
  'query-pay-order-id-ignored': {
    reading: 'L8',
    level: 'MUST',
    description: 'A query by pay_order_id alone never finds the order (1202).',
    flags: { queryByPayOrderId: false },
  },
  'query-wrong-amount': {
    reading: 'L8',
    level: 'MUST',
    description: 'The queried order reports target_amount in minor units ("100.50" → "10050").',
    respond: found((o) => (o.target_amount = minorUnits(String(o.target_amount)))),
  },
  'query-amount-number': {
    reading: 'L8',
    level: 'MUST',
    description: 'The queried order reports target_amount as a JSON number.',
    respond: found((o) => (o.target_amount = Number(o.target_amount))),
  },
  'query-amount-trailing-zero-dropped': {
    reading: 'L8',
    level: 'MUST',
    description:
      'The queried order reports target_amount normalised: trailing zeros of the fraction dropped ("100.50" → "100.5").',
    respond: found((o) => {
      if (typeof o.target_amount === 'string' && o.target_amount.includes('.'))
        o.target_amount = o.target_amount.replace(/0+$/, '').replace(/\.$/, '');
    }),
  },
  'query-status-outside-table': {
    reading: 'L8',
    level: 'MUST',
    description: 'order_status is outside the status table ("PROCESSING" / 7).',
    respond: found((o) => (o.order_status = typeof o.order_status === 'number' ? 7 : 'PROCESSING')),
  },
  'query-new-order-succeed': {
    reading: 'L8',
    level: 'MUST',
    description: 'An unpaid new cashier order is reported as SUCCEED (2) instead of 0 or 1.',
    respond: found((o) => {
      if (o.order_status === 'PENDING_PAY') o.order_status = 'SUCCEED';
      if (o.order_status === 1) o.order_status = 2;
    }),
  },
  'query-wrong-request-id': {
    reading: 'L8',
    level: 'MUST',
    description: 'The queried order reports its pay_order_id in request_id.',
    respond: found((o) => (o.request_id = o.pay_order_id)),
  },
  'query-wrong-pay-order-id': {
    reading: 'L8',
    level: 'MUST',
    description: 'The queried order reports a pay_order_id other than the one create returned.',
    respond: found((o) => (o.pay_order_id = `P${'0'.repeat(19)}`)),
  },
};
