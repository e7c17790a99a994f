import { ensure } from '../../../src/checks/assert.js';
import { ensureStatus } from '../../../src/checks/response.js';
import { signingDiagnosis } from '../../../src/checks/signing-diagnosis.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext, ProbeRequest, ProbeResponse } from '../../../src/engine/context.js';
import { setup } from '../../../src/engine/probe.js';
import type { LesspayCredentials } from '../../../src/gateways/index.js';
import { lesspayStringToSign } from '../../../src/signing/lesspay.js';

// Shared request builders, a guarded sender and the setups of the Lesspay probes. Everything a check needs
// as a precondition fails with SetupError (status `error`), never CheckFailure: only the check's own
// observable may fail it.

export const PATH = {
  createPayin: '/api/global/v1/pay/create-order',
  queryPayin: '/api/global/v1/pay/query-order',
  createPayout: '/api/global/payout/create-order',
  createBatch: '/api/global/payout/batch/create-order',
  queryPayout: '/api/global/payout/query',
  // Documented by the demo only (§4.8): asks the gateway to send a payout's callback now.
  triggerNotify: '/api/global/payout/triggerNotify',
} as const;

export const DAY_MS = 86_400_000;
export const SEVEN_DAYS_MS = 604_800_000;

/** The three query-order messages of the seed error-code page. */
export const MSG = {
  neitherId: 'mchOrderNo and payOrderId cannot be empty at the same time',
  notFound: 'Order does not exist',
  time: 'Request time error',
} as const;

export const PAYIN_AMOUNT = '100.50';
// Payout amounts above 1000: a sandbox may hold such payouts for review, so they stay PENDING_CONFIRM and
// no callback is sent; notify_url is a loopback port nothing listens on.
export const PAYOUT_AMOUNT = '1500.00';
export const NOTIFY_URL = 'http://127.0.0.1:9/paycert/lesspay/notify';

export type Body = Record<string, unknown>;

/** A request_id of the run: ≤ 20 characters, the pay-in limit. */
export function requestId(t: CheckContext, prefix = 'PC'): string {
  return t.uniqueId(prefix, 20);
}

/** A valid cashier pay-in create body (L7 required fields, plus notify_url, which the card page requires). */
export function createBody(t: CheckContext, overrides: Body = {}): Body {
  return {
    request_id: requestId(t),
    product_name: 'paycert probe',
    description: 'paycert conformance probe order',
    target_amount: PAYIN_AMOUNT,
    target_currency: 'USD',
    transaction_type: 'PAY_IN',
    success_url: 'https://merchant.paycert.example/lesspay/success',
    fail_url: 'https://merchant.paycert.example/lesspay/fail',
    notify_url: NOTIFY_URL,
    api_version: 'V2',
    pay_access_type: 1,
    ...overrides,
  };
}

/** `body` without the named fields. */
export function without(body: Body, ...fields: string[]): Body {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !fields.includes(k)));
}

export interface Window {
  start: number;
  end: number;
}

// Windows end 10 minutes from now: they hold an order created moments ago even when the target's clock runs a
// little ahead, and their end_time is barely in the future.
const WINDOW_LEAD_MS = 10 * 60_000;

/** A window of `span` ms that holds the creation time of an order created moments ago. */
export function windowAround(span = 2 * DAY_MS, now = Date.now()): Window {
  const end = now + WINDOW_LEAD_MS;
  return { start: end - span, end };
}

/**
 * A query-order body in the docs' form: page, page_size and the times as numeric strings (the form L8 makes
 * MUST); `integers` switches to the demo's JSON integers.
 */
export function queryBody(
  ids: { request_id?: string; pay_order_id?: string },
  win = windowAround(),
  integers = false,
) {
  const n = (v: number) => (integers ? v : String(v));
  const body: Body = { page: n(1), page_size: n(20), start_time: n(win.start), end_time: n(win.end) };
  if (ids.pay_order_id !== undefined) body.pay_order_id = ids.pay_order_id;
  if (ids.request_id !== undefined) body.request_id = ids.request_id;
  return body;
}

/** A valid batch payout body (Multiple Transfer Methods table; detail ids per the demo's mch_order_id). */
export function batchBody(
  t: CheckContext,
  overrides: Body = {},
  amounts = [PAYOUT_AMOUNT, PAYOUT_AMOUNT],
): Body {
  const details = amounts.map((amount, i) => ({
    mch_order_id: t.uniqueId('PD', 64),
    amount,
    destination_type: 'bank',
    bank_account_name: 'Juan Dela Cruz',
    bank_account_no: `00123456789${i}`,
    bank_account_type: 'individual',
    bank_name: 'BDO Unibank',
    bank_country_code: 'PH',
  }));
  return {
    request_id: t.uniqueId('PB', 64),
    currency: 'PHP',
    total_amount: sumAmounts(amounts),
    way_type: 'BANK_TRANSFER',
    way_code: 'TAZAPAY_PAYOUT',
    notify_url: NOTIFY_URL,
    payout_order_details: details,
    ...overrides,
  };
}

/** A valid single payout body (Create Payout page and the demo's bank-transfer example). */
export function singlePayoutBody(t: CheckContext, overrides: Body = {}): Body {
  return {
    request_id: t.uniqueId('PS', 64),
    amount: PAYOUT_AMOUNT,
    currency: 'PHP',
    way_type: 'BANK_TRANSFER',
    notify_url: NOTIFY_URL,
    beneficiary: {
      beneficiary_type: 'individual',
      beneficiary_info: {
        name: 'Juan Dela Cruz',
        first_name: 'Juan',
        last_name: 'Dela Cruz',
        email: 'juan@paycert.example',
        address: { country: 'PH', city: 'Manila', line1: '1 Probe Street' },
      },
      destination: {
        type: 'bank',
        bank: {
          account_type: 'savings',
          country: 'PH',
          bank_name: 'BDO Unibank',
          account_number: '001234567890',
        },
      },
    },
    ...overrides,
  };
}

/** Exact decimal sum of amount strings, written with the largest scale of the terms. */
export function sumAmounts(amounts: string[]): string {
  const scale = Math.max(...amounts.map((a) => (a.split('.')[1] ?? '').length));
  const total = amounts.reduce((s, a) => {
    const [int, frac = ''] = a.split('.');
    return s + BigInt(int + frac.padEnd(scale, '0'));
  }, 0n);
  const text = total.toString().padStart(scale + 1, '0');
  return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
}

export function appSecret(t: CheckContext): string {
  return (t.credentials as LesspayCredentials).appSecret;
}

export interface Answer {
  res: ProbeResponse;
  body: Record<string, any>;
}

/**
 * Sends a request whose answer another reading already judges, and insists that the answer is usable: a
 * correctly signed request that gets 401 (LP-AUTH-007), an answer that is not a JSON object (LP-TR-*) or
 * not a well-formed envelope (LP-ENV-*) is a precondition failure here, reported as an error.
 */
export async function call(
  t: CheckContext,
  path: string,
  body: Body | string,
  opts: Omit<ProbeRequest, 'path' | 'body'> = {},
): Promise<Answer> {
  const res = await t.post(path, body, opts);
  return usable(res, (opts.auth ?? 'valid') === 'valid', signingCheckOf(path, body));
}

/**
 * The L3 signing check that sends a request of this endpoint and shape (auth.probe.ts): a refusal of a correctly
 * signed request here is that check's failure, which the refused setup cites.
 */
export function signingCheckOf(path: string, body?: Body | string): string {
  // A raw text body is signed over what it parses to; the shape is unknown here, so the plainest check is cited.
  if (typeof body === 'string') return 'LP-AUTH-007';
  const values = body === undefined ? [] : Object.values(body);
  switch (path) {
    case PATH.createPayin:
      return values.some((v) => typeof v === 'boolean') ? 'LP-AUTH-018' : 'LP-AUTH-010';
    case PATH.createPayout:
      return 'LP-AUTH-014';
    case PATH.createBatch:
      return 'LP-AUTH-015';
    case PATH.queryPayout:
      return 'LP-AUTH-013';
    case PATH.queryPayin:
      if (body !== undefined && values.length === 0) return 'LP-AUTH-016';
      return values.some((v) => typeof v === 'number') ? 'LP-AUTH-017' : 'LP-AUTH-007';
    default:
      return 'LP-AUTH-007';
  }
}

/** "Not 401" is all an L3 signing check judges: whatever else the answer says is another check's. */
export async function ensureSignedAccepted(
  t: CheckContext,
  path: string,
  body: Body,
  rule: string,
): Promise<void> {
  const res = await t.post(path, body);
  if (res.status !== 401) return;
  // The secret never appears: the string is shown with a placeholder where it goes.
  t.note(`string to sign (L3): ${lesspayStringToSign(body, '<appSecret>')}`);
  // A gateway that signs empty values, say, accepts that mistake on the diagnosis query: name it when it does.
  const diagnosis = await signingDiagnosis(t, true);
  if (diagnosis) t.note(diagnosis);
  ensure(
    false,
    `a request signed exactly as L3 says (${rule}) was refused as unauthenticated (HTTP 401)`,
    'an answer that is not 401',
    { status: res.status, body: res.body ?? res.text.slice(0, 200) },
  );
}

export function usable(res: ProbeResponse, validAuth = true, signingCheck = 'LP-AUTH-007'): Answer {
  if (validAuth && res.status === 401) {
    throw new SetupError(
      `a correctly signed request was refused with HTTP 401 (see ${signingCheck})`,
      signingCheck,
    );
  }
  const body = res.body;
  if (!body)
    throw new SetupError(
      `HTTP ${res.status} answer is not a JSON object (see LP-TR-*): ${res.text.slice(0, 120)}`,
    );
  if (!Number.isInteger(body.code)) {
    throw new SetupError(
      `the answer's code is not a JSON integer (see LP-ENV-*): ${JSON.stringify(body.code)}`,
    );
  }
  if (typeof body.msg !== 'string') throw new SetupError(`the answer's msg is not a string (see LP-ENV-*)`);
  if (
    body.data !== undefined &&
    body.data !== null &&
    (typeof body.data !== 'object' || Array.isArray(body.data))
  ) {
    throw new SetupError("the answer's data is neither an object nor null (see LP-ENV-*)");
  }
  return { res, body };
}

function isOrderLike(v: unknown): v is Record<string, any> {
  return (
    v !== null && typeof v === 'object' && !Array.isArray(v) && ('request_id' in v || 'pay_order_id' in v)
  );
}

/**
 * The order in a query-order `data` (L8): `data` itself when it is an order, else the element of an array
 * member of `data` carrying the queried request_id or pay_order_id. Undefined when there is none.
 */
export function locateOrder(data: unknown, ids: { requestId?: string; payOrderId?: string }) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if (isOrderLike(data)) return data;
  const candidates = Object.values(data).filter(Array.isArray).flat().filter(isOrderLike);
  return (
    candidates.find((o) => ids.requestId !== undefined && o.request_id === ids.requestId) ??
    candidates.find((o) => ids.payOrderId !== undefined && o.pay_order_id === ids.payOrderId)
  );
}

/** The amount member of a queried order (the key is undocumented: target_amount, else amount). */
export function orderAmount(order: Record<string, any>): unknown {
  return 'target_amount' in order ? order.target_amount : order.amount;
}

export interface CreatedPayin {
  requestId: string;
  /** As create returned it; undefined when it was not a string (LP-CO-002 judges that). */
  payOrderId?: string;
  amount: string;
}

/** Creates a valid cashier order; the create itself is judged elsewhere, so any refusal is a SetupError. */
export async function createPayin(t: CheckContext, overrides: Body = {}): Promise<CreatedPayin> {
  const body = createBody(t, overrides);
  const { body: answer } = await call(t, PATH.createPayin, body);
  if (answer.code !== 0)
    throw new SetupError(
      `a valid cashier create was refused: code ${answer.code} ${answer.msg}`,
      'LP-CO-001',
    );
  const id = answer.data?.pay_order_id;
  return {
    requestId: body.request_id as string,
    payOrderId: typeof id === 'string' && id !== '' ? id : undefined,
    amount: body.target_amount as string,
  };
}

export function needPayOrderId(order: CreatedPayin): string {
  if (!order.payOrderId)
    throw new SetupError('create returned no pay_order_id string (see LP-CO-002)', 'LP-CO-002');
  return order.payOrderId;
}

/** An unpaid cashier order, created once per run. */
export const cashierOrder = setup('an unpaid cashier order exists', (t) => createPayin(t));

/** Queries an order that must be found (the finding is judged by LP-QO-*): returns the located order. */
export async function queryFound(t: CheckContext, order: CreatedPayin): Promise<Record<string, any>> {
  const { body } = await call(t, PATH.queryPayin, queryBody({ request_id: order.requestId }));
  const found = body.code === 0 ? locateOrder(body.data, order) : undefined;
  if (!found)
    throw new SetupError(
      `the order ${order.requestId} could not be queried (see LP-QO-012): code ${body.code}`,
      'LP-QO-012',
    );
  return found;
}

/** Is the pay-in order with this request_id on record? (For "the request creates nothing".) */
export async function payinExists(t: CheckContext, id: string): Promise<boolean> {
  const { body } = await call(t, PATH.queryPayin, queryBody({ request_id: id }));
  return body.code === 0 && locateOrder(body.data, { requestId: id }) !== undefined;
}

export interface CreatedPayout {
  requestId: string;
  payOrderId?: string;
  totalAmount: string;
  answer: Record<string, any>;
}

/** Creates a valid payout (batch or single); any refusal is a SetupError. */
export async function createPayout(
  t: CheckContext,
  kind: 'batch' | 'single',
  body?: Body,
): Promise<CreatedPayout> {
  const sent = body ?? (kind === 'batch' ? batchBody(t) : singlePayoutBody(t));
  const { body: answer } = await call(t, kind === 'batch' ? PATH.createBatch : PATH.createPayout, sent);
  if (answer.code !== 0)
    throw new SetupError(
      `a valid ${kind} payout create was refused: code ${answer.code} ${answer.msg}`,
      kind === 'batch' ? 'LP-PO-002' : 'LP-PO-001',
    );
  const id = answer.data?.pay_order_id;
  return {
    requestId: sent.request_id as string,
    payOrderId: typeof id === 'string' && id !== '' ? id : undefined,
    totalAmount: (kind === 'batch' ? sent.total_amount : sent.amount) as string,
    answer,
  };
}

/** A batch payout, created once per run. */
export const batchPayout = setup('a batch payout exists', (t) => createPayout(t, 'batch'));

/** Is a payout with this request_id on record? */
export async function payoutExists(t: CheckContext, id: string): Promise<boolean> {
  const { body } = await call(t, PATH.queryPayout, { request_id: id });
  return body.code === 0 && body.data?.request_id !== undefined;
}

/** The status of a new payout: from the create answer when it has one, else from a query (L10). */
export async function initialPayoutStatus(t: CheckContext, created: CreatedPayout): Promise<unknown> {
  const data = created.answer.data;
  if (data && typeof data === 'object' && 'order_status' in data) return data.order_status;
  const { body } = await call(t, PATH.queryPayout, { request_id: created.requestId });
  if (body.code !== 0 || !body.data)
    throw new SetupError(`the new payout could not be queried (see LP-PQ-004)`, 'LP-PQ-004');
  return body.data.order_status;
}

/**
 * L6: the bad request is refused — a non-zero code, HTTP 400 or 200 — and, when `createdBy` names the
 * request_id it carried, creates nothing (checked with a query afterwards).
 */
export async function expectRefused(
  t: CheckContext,
  res: ProbeResponse,
  createdBy?: { id: string; exists: (t: CheckContext, id: string) => Promise<boolean> },
  signingCheck = 'LP-AUTH-007',
): Promise<Answer> {
  const answer = usable(res, true, signingCheck);
  ensure(
    answer.body.code !== 0,
    'invalid input is answered with code 0',
    'a non-zero code',
    answer.body.code,
  );
  ensureStatus(res, [400, 200], 'HTTP status of a parameter error');
  if (res.status === 200) t.note('answered HTTP 200: allowed, though L6 recommends 400');
  if (createdBy) {
    const created = await createdBy.exists(t, createdBy.id);
    ensure(
      !created,
      `the refused request created ${createdBy.id} anyway`,
      'nothing created',
      `${createdBy.id} on record`,
    );
  }
  return answer;
}
