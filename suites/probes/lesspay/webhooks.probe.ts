import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual } from '../../../src/checks/response.js';
import { CheckFailure, SetupError } from '../../../src/core/outcome.js';
import { approvePayout, payoutReviewNotApplicable } from '../../../src/drivers/approve.js';
import { completePayment } from '../../../src/drivers/complete.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { setup } from '../../../src/engine/probe.js';
import { probes } from '../../../src/engine/probe-file.js';
import type { Delivery as WebhookDelivery, Policy as WebhookPolicy } from '../../../src/engine/receiver.js';
import {
  type ArrayReading,
  describeReading,
  lesspayCallbackSign,
  lesspaySign,
  lesspayVerifyReading,
} from '../../../src/signing/lesspay.js';
import { deliveryJson, ensureDeliverySchema, firstDelivery } from '../../../src/webhooks/observed.js';
import {
  appSecret,
  batchBody,
  createBody,
  locateOrder,
  PATH,
  queryBody,
  signingCheckOf,
  usable,
} from './fixtures.js';
import { BREAKS_CASHIER_ORDER, BREAKS_SIGNED_CALLS } from './precondition-faults.js';

// L11: the gateway POSTs signed JSON callbacks to notify_url and retries one that is not acknowledged. Orders are
// moved to a final state through the target's public surface only: the checkout page, finished by the run's payment
// driver (pay-ins), and the sandbox's test amounts (payouts). Where the driver finds no way, the checks skip with its
// reason.

type Json = Record<string, any>;

// Payout test amounts of the sandbox: details of at most 1000 are reviewed automatically; 13.13 fails its detail.
const PAYOUT_AMOUNTS = ['20.00', '13.13'];
const PENDING_PAYOUT = ['PENDING_CONFIRM', 'PENDING_PAY', 'PROCESSING', 'CREATED', 0, 1];
// The state of a payout waiting for the operations review (L10: the name or the integer).
const IN_REVIEW = ['PENDING_CONFIRM', 0];

interface Observed {
  /** Why the scenario could not be played here (the checks skip). */
  skip?: string;
  order?: { requestId: string; payOrderId?: string; amount: string; currency: string };
  payout?: { requestId: string; payOrderId?: string; totalAmount: string; currency: string; details: Json[] };
  deliveries: WebhookDelivery[];
  waitMs: number;
  /** How long a retry after the refused callback was awaited (the scenarios that refuse one). */
  retryWaitMs?: number;
}

const unavailable = (t: CheckContext): Observed | undefined =>
  t.webhooks.unavailable ? { skip: t.webhooks.unavailable, deliveries: [], waitMs: 0 } : undefined;

const FINAL_PAYIN = ['SUCCEED', 'FAILED', 'CANCELED', 'CLOSED', 'PAID', 2, 3, 4, 6, 12];

/** Pays a cashier order through its checkout page with the run's driver; returns why it cannot, or undefined. */
async function payAtCashier(t: CheckContext, answer: Json, sent: Json): Promise<string | undefined> {
  const checkoutUrl = answer.data?.checkout_url;
  if (typeof checkoutUrl !== 'string' || !/^https?:\/\//i.test(checkoutUrl)) {
    throw new SetupError(
      `create answered no http(s) data.checkout_url to pay through (see LP-CO-*): ${JSON.stringify(checkoutUrl)}`,
    );
  }
  const payOrderId = answer.data?.pay_order_id;
  const paid = await completePayment(t, {
    gateway: 'lesspay',
    url: checkoutUrl,
    field: 'checkout_url',
    ids: {
      request_id: sent.request_id,
      ...(typeof payOrderId === 'string' ? { pay_order_id: payOrderId } : {}),
    },
    amount: sent.target_amount,
    currency: sent.target_currency,
    settled: async () => {
      const { body } = usable(await t.post(PATH.queryPayin, queryBody({ request_id: sent.request_id })));
      const found = body.code === 0 ? locateOrder(body.data, { requestId: sent.request_id }) : undefined;
      return found !== undefined && FINAL_PAYIN.includes(found.order_status);
    },
  });
  return paid.done ? undefined : paid.reason;
}

/** A cashier order with notify_url at the receiver, paid at the cashier; its callback (and retry) awaited. */
async function paidPayin(t: CheckContext, apiVersion: 'V1' | 'V2', policy: WebhookPolicy): Promise<Observed> {
  const off = unavailable(t);
  if (off) return off;
  const hook = t.webhooks.endpoint(policy);
  const body = createBody(t, { api_version: apiVersion, notify_url: hook.url });
  const { body: answer } = usable(
    await t.post(PATH.createPayin, body),
    true,
    signingCheckOf(PATH.createPayin, body),
  );
  if (answer.code !== 0)
    throw new SetupError(
      `a valid cashier create was refused: code ${answer.code} ${answer.msg}`,
      'LP-CO-001',
    );
  const unpaid = await payAtCashier(t, answer, body);
  if (unpaid) return { skip: unpaid, deliveries: [], waitMs: 0 };
  const payOrderId = answer.data?.pay_order_id;
  const what = `the ${apiVersion} pay-in callback`;
  let deliveries = await t.webhooks.waitFor(hook.token, { count: 1, what });
  if (policy !== 'ack' && deliveries.length > 0)
    deliveries = await t.webhooks.waitForRetry(hook.token, { count: 2, what: `the retry of ${what}` });
  return {
    order: {
      requestId: body.request_id as string,
      payOrderId: typeof payOrderId === 'string' ? payOrderId : undefined,
      amount: body.target_amount as string,
      currency: body.target_currency as string,
    },
    deliveries,
    waitMs: t.webhooks.waitMs,
    retryWaitMs: t.webhooks.retryWaitMs,
  };
}

const paidV2 = setup('a V2 cashier order was paid; its callback was refused once', (t) =>
  paidPayin(t, 'V2', 'nack-once'),
);
const paidV1 = setup('a V1 cashier order was paid', (t) => paidPayin(t, 'V1', 'ack'));

/**
 * Asks for a payout's callback through the documented trigger (demo §4.8). Its absence (HTTP 404 or 405) is not a
 * failure: the probe then waits. Returns what happened, for the report.
 */
async function triggerNotify(t: CheckContext, requestId: string): Promise<'sent' | 'absent' | 'refused'> {
  const res = await t.post(PATH.triggerNotify, { request_id: requestId });
  if (res.status === 404 || res.status === 405) return 'absent';
  return res.status === 200 && res.body?.code === 0 ? 'sent' : 'refused';
}

interface PayoutWait {
  deliveries: WebhookDelivery[];
  /** The payout's order_status when last asked (undefined: not asked, or not found). */
  status: unknown;
  trigger: 'not needed' | 'sent' | 'absent' | 'refused';
}

/**
 * Waits up to the webhook wait for a payout's callback, asking for the payout's state between waits. The first wait
 * is long enough for a sandbox that calls back at once (and keeps the evidence the same run after run).
 */
async function awaitPayoutCallback(t: CheckContext, token: string, requestId: string): Promise<PayoutWait> {
  const waitMs = t.webhooks.waitMs;
  const started = Date.now();
  const pollMs = Math.min(1000, Math.max(100, waitMs / 10));
  const grace = Math.min(2000, waitMs / 4);
  const out: PayoutWait = {
    deliveries: [],
    status: undefined,
    trigger: 'not needed',
  };
  let finalSince: number | undefined;
  for (let queried = false; ; queried = true) {
    const left = started + waitMs - Date.now();
    if (left <= 0) return out;
    out.deliveries = await t.webhooks.waitFor(token, {
      count: 1,
      timeoutMs: Math.min(queried ? pollMs : Math.max(pollMs, waitMs / 3), left),
      what: 'the Lesspay payout callback',
    });
    if (out.deliveries.length > 0) return out;
    const { body: q } = usable(
      await t.post(PATH.queryPayout, { request_id: requestId }),
      true,
      'LP-AUTH-013',
    );
    out.status = q.code === 0 ? q.data?.order_status : undefined;
    const final = out.status !== undefined && !PENDING_PAYOUT.includes(out.status as string);
    if (final) finalSince ??= Date.now();
    // Final without its callback: ask for it (a callback triggered for a pending payout would carry no final state).
    if (final && out.trigger === 'not needed' && Date.now() - finalSince! >= grace)
      out.trigger = await triggerNotify(t, requestId);
  }
}

/**
 * A batch payout of test amounts with notify_url at the receiver; its callback awaited up to the webhook wait. A
 * sandbox may hold test payouts for a review (the checks then skip), or settle them without calling back by itself:
 * when the payout is final and no callback came, the probe asks for it through triggerNotify where the target has it.
 */
const finishedBatch = setup('a batch payout of test amounts was created', async (t): Promise<Observed> => {
  const off = unavailable(t);
  if (off) return off;
  if (!t.hasCapability('payout'))
    return { skip: 'the target does not declare the "payout" capability', deliveries: [], waitMs: 0 };
  const byHand = payoutReviewNotApplicable(t);
  if (byHand) return { skip: byHand, deliveries: [], waitMs: 0 };
  const hook = t.webhooks.endpoint('ack');
  const sent = batchBody(t, { notify_url: hook.url }, PAYOUT_AMOUNTS);
  const { body: answer } = usable(await t.post(PATH.createBatch, sent), true, 'LP-AUTH-015');
  if (answer.code !== 0)
    throw new SetupError(`a valid batch payout was refused: code ${answer.code} ${answer.msg}`, 'LP-PO-002');
  const payout = {
    requestId: sent.request_id as string,
    payOrderId: typeof answer.data?.pay_order_id === 'string' ? answer.data.pay_order_id : undefined,
    totalAmount: sent.total_amount as string,
    currency: sent.currency as string,
    details: sent.payout_order_details as Json[],
  };
  // A payout that waits for a person's review is approved by the run's payout driver (--payout-driver), if any.
  const approval = await approvePayout(t, {
    gateway: 'lesspay',
    ids: { request_id: payout.requestId, ...(payout.payOrderId ? { pay_order_id: payout.payOrderId } : {}) },
    amount: payout.totalAmount,
    currency: payout.currency,
    reviewed: async () => {
      const { body: q } = usable(await t.post(PATH.queryPayout, { request_id: payout.requestId }));
      return q.code === 0 && !IN_REVIEW.includes(q.data?.order_status);
    },
  });
  if (approval && !approval.done) return { skip: approval.reason, deliveries: [], waitMs: 0 };
  const waitMs = t.webhooks.waitMs;
  const { deliveries, status, trigger } = await t.webhooks.waitWhile(
    'the Lesspay payout callback (or its final state)',
    waitMs,
    () => awaitPayoutCallback(t, hook.token, payout.requestId),
  );
  if (trigger === 'sent') t.note(`the payout callback was asked for with POST ${PATH.triggerNotify}`);
  if (deliveries.length === 0 && (status === undefined || PENDING_PAYOUT.includes(status as string))) {
    // No callback and no final state: a sandbox may hold test payouts for a manual review; nothing to judge.
    const how =
      trigger === 'absent'
        ? '; the target has no triggerNotify'
        : trigger === 'refused'
          ? '; triggerNotify was refused'
          : '';
    // A sandbox whose payouts wait for a person: the tester can name a payout driver, or declare the trait.
    const hint = approval
      ? ''
      : '; if its payouts wait for a person\'s review, give --payout-driver manual or command:CMD, or declare the "payout-manual-review" capability';
    return {
      skip: `the payout is still ${JSON.stringify(status ?? '(not found)')} after ${waitMs} ms${how}: it did not reach a final state a probe can wait for${hint}`,
      deliveries,
      waitMs: 0,
    };
  }
  return { payout, deliveries, waitMs };
});

/** The payout checks do not apply to a target that declares its payouts are reviewed by hand, without a driver. */
function reviewedByHand(t: CheckContext): void {
  const reason = payoutReviewNotApplicable(t);
  if (reason) t.notApplicable(reason);
}

/** Starts every selected lifecycle at once, so their callback waits overlap instead of adding up. */
function beginLifecycles(t: CheckContext): void {
  t.begin([paidV2], ['LP-WH-001', 'LP-WH-002', 'LP-WH-003', 'LP-WH-005', 'LP-WH-006']);
  t.begin([paidV1], ['LP-WH-004']);
  t.begin([finishedBatch], ['LP-WH-007', 'LP-WH-008', 'LP-WH-009']);
}

/** The first callback of a scenario; the checks skip when the scenario could not be played. */
const firstCallback = (t: CheckContext, o: Observed, what: string) => firstDelivery(t, o, 'notify_url', what);

/** The callback body as a JSON object: a precondition here (LP-WH-001 judges the encoding). */
const jsonOf = (d: WebhookDelivery): Json => deliveryJson(d, 'LP-WH-001');

type CallbackSigner = (body: Json, secret: string, reading: ArrayReading) => string;

/**
 * L11 signs a callback as L3 signs a request, and L3 leaves open whether empty members inside arrays are signed:
 * the signature verifies under either reading, and the check says which one it saw.
 */
function ensureSigned(t: CheckContext, d: WebhookDelivery, sign: CallbackSigner, what: string): void {
  const got = d.headers['x-auth-signature'];
  ensure(
    got !== undefined && got !== '',
    `the ${what} carries no x-auth-signature header`,
    'x-auth-signature',
    '(absent)',
  );
  const reading = lesspayVerifyReading(jsonOf(d), appSecret(t), got!, sign);
  ensure(
    reading !== undefined,
    `the ${what}'s x-auth-signature does not verify with the app secret under either reading of empty members inside arrays`,
    'uppercase hex SHA-256 of the sorted non-empty fields and &key=<appSecret>',
    'a different value',
  );
  t.note(`the ${what}'s signature verified with ${describeReading(reading!)}`);
}

export default probes('lesspay · webhooks', (p) => {
  p.check(
    {
      id: 'LP-WH-001',
      title: "a paid order's callback is a JSON POST to notify_url within the wait bound",
      level: 'MUST',
      reading: 'L11',
      endpoint: 'pay-in webhook',
      capability: 'webhooks',
      clause: 'The gateway POSTs JSON to `notify_url`',
      spec: { section: 'profile L11' },
      note: "The order is paid through the cashier page's test form (checkout_url); where the target offers none, the check skips. The bound is 10 s against a bundled mock and 20 s otherwise (--webhook-wait).",
      killedBy: ['webhook-form-encoded'],
      erroredBy: [...BREAKS_SIGNED_CALLS, ...BREAKS_CASHIER_ORDER],
    },
    async (t) => {
      beginLifecycles(t);
      const d = firstCallback(t, await t.use(paidV2), 'the order was paid');
      const type = d.headers['content-type']?.split(';')[0].trim().toLowerCase();
      ensureEqual(
        { method: d.method, type },
        { method: 'POST', type: 'application/json' },
        'method and Content-Type of the callback',
      );
      let parsed: unknown;
      try {
        parsed = JSON.parse(d.body);
      } catch (err) {
        throw new CheckFailure(
          `the callback body is not JSON: ${(err as Error).message}`,
          'a JSON object',
          d.body.slice(0, 200),
        );
      }
      ensure(
        parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed),
        'the callback body is not a JSON object',
        'a JSON object',
        parsed,
      );
    },
  );

  p.check(
    {
      id: 'LP-WH-002',
      title: 'the pay-in callback body matches pay-in-webhook.schema.json',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'pay-in webhook',
      capability: 'webhooks',
      clause: 'The callback body MUST match the webhook schema and its signature MUST verify',
      spec: { section: 'lesspay §6.1 Pay-in webhook' },
      killedBy: ['webhook-form-encoded', 'webhook-malformed'],
      erroredBy: [...BREAKS_SIGNED_CALLS, ...BREAKS_CASHIER_ORDER],
    },
    async (t) => {
      beginLifecycles(t);
      const d = firstCallback(t, await t.use(paidV2), 'the order was paid');
      ensureDeliverySchema(d, 'lesspay/pay-in-webhook.schema.json', 'pay-in callback body');
    },
  );

  p.check(
    {
      id: 'LP-WH-003',
      title: "a V2 pay-in callback's x-auth-signature verifies over the full body",
      level: 'MUST',
      reading: 'L11',
      endpoint: 'pay-in webhook',
      capability: 'webhooks',
      clause: 'v2 signs the full OrderCallbackRequest field set',
      spec: { section: 'lesspay §6.1 PayinWebhookVerifyExample' },
      killedBy: ['webhook-bad-signature', 'webhook-unsigned', 'webhook-v2-signs-v1-fields'],
      erroredBy: [...BREAKS_SIGNED_CALLS, ...BREAKS_CASHIER_ORDER, 'webhook-form-encoded'],
    },
    async (t) => {
      beginLifecycles(t);
      const d = firstCallback(t, await t.use(paidV2), 'the order was paid');
      ensureSigned(t, d, lesspayCallbackSign, 'V2 pay-in callback');
    },
  );

  p.check(
    {
      id: 'LP-WH-004',
      title: "a V1 pay-in callback's x-auth-signature verifies over the v1 field set",
      level: 'MUST',
      reading: 'L11',
      endpoint: 'pay-in webhook',
      capability: 'webhooks',
      clause: 'v1 signs the OrderCallbackV1SignRequest field set',
      spec: { section: 'lesspay §6.1 PayinWebhookVerifyExample' },
      note: 'The v1 set is the body without api_version, order_status_int, channel_biz_data, event and event_data (the demo removes them when api_version is null, blank or v1).',
      killedBy: ['webhook-bad-signature', 'webhook-unsigned', 'webhook-v1-signs-all-fields'],
      erroredBy: [...BREAKS_SIGNED_CALLS, ...BREAKS_CASHIER_ORDER, 'webhook-form-encoded'],
    },
    async (t) => {
      beginLifecycles(t);
      const d = firstCallback(t, await t.use(paidV1), 'the order was paid');
      ensureSigned(t, d, lesspayCallbackSign, 'V1 pay-in callback');
    },
  );

  p.check(
    {
      id: 'LP-WH-005',
      title: "the pay-in callback carries the paid order's ids, amount, currency and SUCCEED",
      level: 'MUST',
      reading: 'L11',
      endpoint: 'pay-in webhook',
      capability: 'webhooks',
      clause: "request_id | String | Body | Merchant's unique Request ID",
      spec: { section: 'lesspay §6.1 Pay-in webhook' },
      note: 'Compared: request_id, pay_order_id (when create returned one), target_amount as the string sent, target_currency and order_status SUCCEED.',
      killedBy: ['webhook-malformed'],
      erroredBy: [...BREAKS_SIGNED_CALLS, ...BREAKS_CASHIER_ORDER, 'webhook-form-encoded'],
    },
    async (t) => {
      beginLifecycles(t);
      const o = await t.use(paidV2);
      const body = jsonOf(firstCallback(t, o, 'the order was paid'));
      const order = o.order!;
      const pick = (b: Json) => ({
        request_id: b.request_id,
        ...(order.payOrderId ? { pay_order_id: b.pay_order_id } : {}),
        target_amount: b.target_amount,
        target_currency: b.target_currency,
        order_status: b.order_status,
      });
      ensureEqual(
        pick(body),
        pick({
          request_id: order.requestId,
          pay_order_id: order.payOrderId,
          target_amount: order.amount,
          target_currency: order.currency,
          order_status: 'SUCCEED',
        }),
        'the callback fields of the paid order',
      );
    },
  );

  p.check(
    {
      id: 'LP-WH-006',
      title: 'a callback answered HTTP 500 FAIL is delivered again',
      level: 'SHOULD',
      reading: 'L11',
      endpoint: 'pay-in webhook',
      capability: 'webhooks',
      clause: 'Response: Return the string "SUCCESS" to acknowledge receipt.',
      spec: { section: 'lesspay §6.4 Pay In acknowledgement' },
      note: 'SHOULD: the retry policy is undocumented (only the demo\'s "to avoid further platform retries"). The retry must arrive within the wait bound (against a bundled mock: the first retry delay the run gave it plus 1 s, lengthened as far as a loaded machine delays the mock).',
      killedBy: ['webhook-no-retry'],
      erroredBy: [...BREAKS_SIGNED_CALLS, ...BREAKS_CASHIER_ORDER],
    },
    async (t) => {
      beginLifecycles(t);
      const o = await t.use(paidV2);
      const first = firstCallback(t, o, 'the order was paid');
      const retry = o.deliveries[1];
      ensure(
        retry !== undefined,
        `a callback answered HTTP ${first.answer.status} "${first.answer.body}" was not retried within ${o.retryWaitMs} ms`,
        'a second delivery',
        'none',
      );
    },
  );

  p.check(
    {
      id: 'LP-WH-007',
      title: 'the payout callback body matches payout-webhook.schema.json',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'payout webhook',
      capability: 'webhooks',
      clause: 'The webhook payload corresponds to the PayoutQueryVO structure.',
      spec: { section: 'lesspay §6.3 Payout webhook' },
      note: 'A batch of test amounts (20.00 and 13.13) is created; when no callback comes and the payout is still pending (a manual review), the payout checks skip.',
      killedBy: ['webhook-form-encoded', 'webhook-malformed'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays'],
    },
    async (t) => {
      reviewedByHand(t);
      beginLifecycles(t);
      const d = firstCallback(t, await t.use(finishedBatch), 'the payout was created');
      ensureDeliverySchema(d, 'lesspay/payout-webhook.schema.json', 'payout callback body');
    },
  );

  p.check(
    {
      id: 'LP-WH-008',
      title: "the payout callback's x-auth-signature verifies over the full body",
      level: 'MUST',
      reading: 'L11',
      endpoint: 'payout webhook',
      capability: 'webhooks',
      clause: 'The mechanism is identical to the Pay In Webhook',
      spec: { section: 'lesspay §6.3 Payout webhook' },
      killedBy: ['webhook-bad-signature', 'webhook-unsigned'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays', 'webhook-form-encoded'],
    },
    async (t) => {
      reviewedByHand(t);
      beginLifecycles(t);
      const d = firstCallback(t, await t.use(finishedBatch), 'the payout was created');
      ensureSigned(t, d, lesspaySign, 'payout callback');
    },
  );

  p.check(
    {
      id: 'LP-WH-009',
      title: 'the payout callback carries the batch and each detail in a final state',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'payout webhook',
      capability: 'webhooks',
      clause: 'The details array contains the status of each individual transaction in the batch.',
      spec: { section: 'lesspay §6.3 Payout webhook' },
      note: 'Compared: request_id, pay_order_id (when create returned one), currency, total_amount, a final order_status, and for every detail sent its mch_order_id, amount and a final status.',
      killedBy: ['webhook-malformed'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays', 'webhook-form-encoded'],
    },
    async (t) => {
      reviewedByHand(t);
      beginLifecycles(t);
      const o = await t.use(finishedBatch);
      const body = jsonOf(firstCallback(t, o, 'the payout was created'));
      const p = o.payout!;
      const batch = (b: Json) => ({
        request_id: b.request_id,
        ...(p.payOrderId ? { pay_order_id: b.pay_order_id } : {}),
        currency: b.currency,
        total_amount: b.total_amount,
      });
      ensureEqual(
        batch(body),
        batch({
          request_id: p.requestId,
          pay_order_id: p.payOrderId,
          currency: p.currency,
          total_amount: p.totalAmount,
        }),
        'the batch fields of the payout callback',
      );
      ensure(
        typeof body.order_status === 'string' && !PENDING_PAYOUT.includes(body.order_status),
        'the payout callback does not carry a final order_status',
        'a final batch status (e.g. SUCCEED, PARTIAL_SUCCESS, FAILED)',
        body.order_status,
      );
      const details: Json[] = Array.isArray(body.details) ? body.details : [];
      const seen = p.details.map((sent) => {
        const got = details.find((d) => d?.mch_order_id === sent.mch_order_id);
        return {
          mch_order_id: sent.mch_order_id,
          amount: got?.amount,
          final: !!got && typeof got.status === 'string' && !PENDING_PAYOUT.includes(got.status),
        };
      });
      ensureEqual(
        seen,
        p.details.map((sent) => ({ mch_order_id: sent.mch_order_id, amount: sent.amount, final: true })),
        'the details of the payout callback (mch_order_id, amount, a final status)',
      );
    },
  );
});
