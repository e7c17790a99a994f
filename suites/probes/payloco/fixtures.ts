import { CheckFailure, SetupError } from '../../../src/core/outcome.js';
import { completePayment } from '../../../src/drivers/complete.js';
import type { CheckContext, ProbeResponse } from '../../../src/engine/context.js';
import { setup } from '../../../src/engine/probe.js';
import type { PaylocoCredentials } from '../../../src/gateways/index.js';

// Request builders and shared state for the Payloco probes (profile P1–P9). Paths are relative to the base URL,
// which may carry a prefix such as /gateway.

export const paths = {
  pay: '/v1/payments/open/api/pay',
  payV2: '/v2/payments/open/api/pay',
  query: '/v1/payments/open/api/query',
  preAuthVoid: '/v1/payments/open/api/preAuthVoid',
} as const;

export const SUCCESS = '00000000';
export const PENDING = '00000003';
export const TRANS_TYPE_MISSING = '22070030';
export const TRANS_TYPE_MISSING_MESSAGE = 'Format error-transType cannot be empty';

export const AMOUNT = '20.01';
export const CURRENCY = 'USD';
// A loopback port nothing listens on: a gateway that calls back reaches no one, on this machine or any other.
const NOTIFY_URL = 'http://127.0.0.1:9/paycert/notify';
// The docs' example authCode; the profile (P8) makes any authCode without payMode QRCODE a MICROPAY.
const AUTH_CODE = '133788758877188822';

type Json = Record<string, any>;

function merchantId(t: CheckContext): string {
  return (t.credentials as PaylocoCredentials).merchantId;
}

/** The common request parameters of a v1 request (P4; payloco.md §3). */
export function commonParams(t: CheckContext): Json {
  return {
    charset: 'UTF-8',
    version: '2.0.0',
    transType: 'PAY',
    accessType: 's2s',
    signType: 'RSA',
    merchantId: merchantId(t),
    requestTime: new Date().toISOString(),
    keyVersion: '1',
  };
}

/** The common parameters of the v2 pay and preAuthVoid examples: no transType, no accessType. */
export function v2CommonParams(t: CheckContext): Json {
  const { transType: _t, accessType: _a, ...rest } = commonParams(t);
  return rest;
}

/** An active QR pay (P7): payMode QRCODE, a fresh merchantOrderId. */
export function qrPayBody(t: CheckContext, extra: Json = {}): Json {
  return {
    ...commonParams(t),
    transChannel: 'WEIXIN',
    currency: CURRENCY,
    transAmt: AMOUNT,
    goodsName: 'paycert probe',
    notifyUrl: NOTIFY_URL,
    merchantOrderId: t.uniqueId('PC', 32),
    payMode: 'QRCODE',
    ...extra,
  };
}

/** A passive-scan pay (P8): an authCode and payMode MICROPAY. */
export function micropayBody(t: CheckContext, extra: Json = {}): Json {
  return qrPayBody(t, { payMode: 'MICROPAY', authCode: AUTH_CODE, ...extra });
}

/** A v2 pay as in the docs' example: business fields nested in data, totalAmount a JSON number. */
export function v2PayBody(t: CheckContext): Json {
  return {
    ...v2CommonParams(t),
    data: {
      merchantOrderId: t.uniqueId('PC', 32),
      integrate: 'Direct',
      captureMode: 'MANUAL',
      subject: 'paycert probe',
      totalAmount: 10.01,
      currency: CURRENCY,
      country: 'US',
      userId: 'PAYCERT',
      expireTime: '1800',
      notifyUrl: NOTIFY_URL,
      paymentDetail: {
        paymentMethodType: 'WALLET',
        targetOrg: 'KLARNA',
        payAccountInfo: [{ accountNo: 'probe@example.invalid', accountNoType: 'EMAIL' }],
      },
    },
  };
}

/** The preAuthVoid example body: the common parameters only. */
export function voidBody(t: CheckContext): Json {
  return v2CommonParams(t);
}

export function queryBody(t: CheckContext, by: { merchantOrderId?: string; orderId?: string }): Json {
  return { ...commonParams(t), ...by };
}

export function without(body: Json, key: string): Json {
  const { [key]: _dropped, ...rest } = body;
  return rest;
}

export function query(t: CheckContext, by: { merchantOrderId?: string; orderId?: string }) {
  return t.post(paths.query, queryBody(t, by));
}

// Success and pending are recognised leniently (a numeric 3 or a 7-digit "0000003" still means "accepted"), so
// that checks about acceptance and rejection do not also judge the code's format: PL-ENV-* does that.
export function isSuccessCode(code: unknown): boolean {
  if (typeof code !== 'string' && typeof code !== 'number') return false;
  const text = String(code);
  return /^\d{1,8}$/.test(text) && (Number(text) === 0 || Number(text) === 3);
}

/** The body when it is an envelope with a success code, else undefined. */
export function accepted(res: ProbeResponse): Json | undefined {
  return res.body && isSuccessCode(res.body.code) ? res.body : undefined;
}

/** The answer is a rejection: a failure code, or an HTTP 4xx that carries no envelope. */
export function ensureRejected(res: ProbeResponse, what: string): void {
  const code = res.body?.code;
  if (code !== undefined && code !== null) {
    if (isSuccessCode(code)) {
      throw new CheckFailure(`${what} was accepted`, 'a failure code', { status: res.status, code });
    }
    return;
  }
  if (res.status >= 400 && res.status < 500) {
    return;
  }
  throw new CheckFailure(`${what} got neither a failure code nor an HTTP 4xx`, 'a failure code', {
    status: res.status,
    body: res.text.slice(0, 200),
  });
}

/** data of a found order (precondition of field checks): a SetupError when the query did not find it. */
export function foundData(res: ProbeResponse, what: string): Json {
  const body = accepted(res);
  if (!body) throw new SetupError(`${what} did not find the order (code ${JSON.stringify(res.body?.code)})`);
  if (typeof body.data !== 'object' || body.data === null) {
    throw new SetupError(`${what} found the order but answered no data object`);
  }
  return body.data;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Queries until data.status is no longer PENDING, at most `tries` times; returns the last answer. */
export async function pollUntilSettled(
  t: CheckContext,
  by: { merchantOrderId?: string; orderId?: string },
  tries: number,
  delayMs: number,
): Promise<ProbeResponse> {
  let res = await query(t, by);
  for (let i = 1; i < tries && res.body?.data?.status === 'PENDING'; i++) {
    await sleep(delayMs);
    res = await query(t, by);
  }
  return res;
}

export interface CreatedOrder {
  merchantOrderId: string;
  transAmt: string;
  currency: string;
  res: ProbeResponse;
}

async function createQrOrder(t: CheckContext, extra: Json = {}): Promise<CreatedOrder> {
  const body = qrPayBody(t, extra);
  const res = await t.post(paths.pay, body);
  if (!accepted(res)) {
    // Refused as a wrongly signed pay is (same status and code): the signing check's failure, which it cites.
    const wrong = await t.post(paths.pay, qrPayBody(t, extra), { auth: 'bad-signature' });
    const refused =
      res.body?.code !== undefined && wrong.status === res.status && wrong.body?.code === res.body?.code;
    throw new Error(
      `the active QR pay was not accepted (HTTP ${res.status}, code ${JSON.stringify(res.body?.code)})${refused ? ': refused as a wrongly signed pay is (see PL-SIG-009)' : ''}`,
    );
  }
  return { merchantOrderId: body.merchantOrderId, transAmt: body.transAmt, currency: body.currency, res };
}

/** A pending active QR order that nobody pays. */
export const qrOrder = setup('a pending active QR order exists', (t) => createQrOrder(t));

/** The answer of a query by merchantOrderId of that order (not judged here). */
export const qrOrderQuery = setup('the pending active QR order was queried by merchantOrderId', async (t) => {
  const order = await t.use(qrOrder);
  return query(t, { merchantOrderId: order.merchantOrderId });
});

/** The query tells an unknown order apart: the precondition of every "creates no order" check. */
export const queryTellsUnknown = setup(
  'the query answers an unknown order with a failure code',
  async (t) => {
    const res = await query(t, { merchantOrderId: t.uniqueId('PC', 32) });
    if (accepted(res)) {
      throw new Error(
        'a query of a merchantOrderId never used was answered as found, so it cannot show that no order exists',
      );
    }
  },
);

/** No order exists under merchantOrderId (observed through the query, whose ability to tell is checked first). */
export async function ensureNoOrder(t: CheckContext, merchantOrderId: string): Promise<void> {
  await t.use(queryTellsUnknown);
  const res = await query(t, { merchantOrderId });
  const found = accepted(res);
  if (found) {
    throw new CheckFailure('the rejected pay created an order', 'no order (a failure code)', {
      code: found.code,
      data: found.data,
    });
  }
}

/** A pay rejected for several reasons at once (unsigned, version 1.0.0), so no single lenient rule accepts it. */
export const rejectedPay = setup('an unsigned pay with version 1.0.0 was answered', async (t) => {
  const res = await t.post(paths.pay, qrPayBody(t, { version: '1.0.0' }), { auth: 'no-signature' });
  if (accepted(res))
    throw new Error('an unsigned pay with version 1.0.0 was accepted, so no failure answer exists');
  return res;
});

export const missingTransTypePay = setup('a v1 pay without transType was answered', (t) =>
  t.post(paths.pay, without(qrPayBody(t), 'transType')),
);

export const missingTransTypeQuery = setup('a v1 query without transType was answered', async (t) => {
  const order = await t.use(qrOrder);
  return t.post(paths.query, without(queryBody(t, { merchantOrderId: order.merchantOrderId }), 'transType'));
});

export const v2Pay = setup('a v2 pay was answered', (t) => t.post(paths.payV2, v2PayBody(t)));

export const voidAnswer = setup('a preAuthVoid was answered', (t) => t.post(paths.preAuthVoid, voidBody(t)));

export const micropayOrder = setup('a MICROPAY pay was answered', async (t) => {
  const body = micropayBody(t);
  const res = await t.post(paths.pay, body);
  return { merchantOrderId: body.merchantOrderId as string, res };
});

/**
 * Pays an active QR order at the page its qrCode points to, with the run's payment driver; returns why it cannot
 * (the checks that need the payment skip with that reason), or undefined once the driver has done its part.
 */
export async function payAtScanPage(
  t: CheckContext,
  data: Json,
  order: { merchantOrderId: string; transAmt: string; currency: string },
): Promise<string | undefined> {
  const qrCode = data.qrCode;
  if (typeof qrCode !== 'string' || !/^https?:\/\//i.test(qrCode))
    return `the QR pay answer carries no http(s) data.qrCode to pay through: ${JSON.stringify(qrCode)}`;
  const paid = await completePayment(t, {
    gateway: 'payloco',
    url: qrCode,
    field: 'qrCode',
    ids: {
      merchantOrderId: order.merchantOrderId,
      ...(typeof data.orderId === 'string' ? { orderId: data.orderId } : {}),
    },
    amount: order.transAmt,
    currency: order.currency,
    settled: async () => {
      const res = await query(t, { merchantOrderId: order.merchantOrderId });
      return ['SUCCESS', 'FAILED', 'CLOSED'].includes(res.body?.data?.status);
    },
  });
  return paid.done ? undefined : paid.reason;
}

/** An active QR order paid through its qrCode page; `unpaid` says why it could not be (its checks skip). */
export type PaidOrder =
  | { unpaid: string }
  | { unpaid?: undefined; order: CreatedOrder; settled: ProbeResponse };

export const paidQrOrder = setup(
  'an active QR order was paid through its qrCode page',
  async (t): Promise<PaidOrder> => {
    const order = await createQrOrder(t);
    const data = order.res.body?.data;
    if (typeof data !== 'object' || data === null)
      throw new Error('the active QR pay answer has no data object');
    // Already settled by the target itself: nothing to pay, the query shows the settled order.
    if (data.status === 'SUCCESS') {
      return {
        order,
        settled: await pollUntilSettled(t, { merchantOrderId: order.merchantOrderId }, 5, 300),
      };
    }
    const unpaid = await payAtScanPage(t, data, order);
    if (unpaid) return { unpaid };
    const settled = await pollUntilSettled(t, { merchantOrderId: order.merchantOrderId }, 5, 300);
    return { order, settled };
  },
);

/** A first order, its query, then a second pay with the same merchantOrderId and another amount. */
export const duplicatePay = setup('a pay reused the merchantOrderId of an existing order', async (t) => {
  const first = await createQrOrder(t);
  const before = await query(t, { merchantOrderId: first.merchantOrderId });
  const firstOrderId = first.res.body?.data?.orderId ?? before.body?.data?.orderId;
  const second = await t.post(
    paths.pay,
    qrPayBody(t, { merchantOrderId: first.merchantOrderId, transAmt: '30.02' }),
  );
  return { first, firstOrderId: typeof firstOrderId === 'string' ? firstOrderId : undefined, second };
});
