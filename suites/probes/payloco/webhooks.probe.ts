import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual } from '../../../src/checks/response.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { setup } from '../../../src/engine/probe.js';
import { probes } from '../../../src/engine/probe-file.js';
import type { Delivery as WebhookDelivery, Policy as WebhookPolicy } from '../../../src/engine/receiver.js';
import type { PaylocoCredentials } from '../../../src/gateways/index.js';
import {
  type PaylocoWebhookForm,
  paylocoWebhookSignature,
  paylocoWebhookSignedText,
} from '../../../src/signing/payloco.js';
import { deliveryJson, ensureDeliverySchema, firstDelivery } from '../../../src/webhooks/observed.js';
import { accepted, paths, payAtScanPage, qrPayBody } from './fixtures.js';
import { BREAKS_ORDER_SETUP } from './precondition-faults.js';

// P10: the gateway POSTs a JSON event signed with the webhook secret to notifyUrl, retries it until the answer is
// HTTP 200 with code 00000000, and keeps the event id across retries. Orders are paid through the target's own
// public surface, the qrCode page, by the run's payment driver; where it finds no way, the checks skip with its reason.

type Json = Record<string, any>;

const FINAL = ['SUCCESS', 'FAILED', 'CLOSED'];

/** What the webhook HMAC may cover (P10), as the evidence names each form. */
const SIGNED_FORMS: { form: PaylocoWebhookForm; name: string }[] = [
  { form: 'body', name: 'the raw body' },
  { form: 'timestamp.body', name: 'x-timestamp + "." + raw body' },
  { form: 'timestamp+body', name: 'x-timestamp + raw body' },
];

interface Observed {
  skip?: string;
  order?: { merchantOrderId: string; orderId?: string; transAmt: string; currency: string; status: string };
  deliveries: WebhookDelivery[];
  waitMs: number;
  /** How long a retry after the refused callback was awaited (the scenarios that refuse one). */
  retryWaitMs?: number;
}

const skipped = (reason: string): Observed => ({ skip: reason, deliveries: [], waitMs: 0 });

/** An active QR order with notifyUrl at the receiver, paid at its qrCode page; the webhook (and retry) awaited. */
async function paidQr(t: CheckContext, policy: WebhookPolicy): Promise<Observed> {
  if (t.webhooks.unavailable) return skipped(t.webhooks.unavailable);
  const hook = t.webhooks.endpoint(policy);
  const body = qrPayBody(t, { notifyUrl: hook.url });
  const res = await t.post(paths.pay, body);
  const answer = accepted(res);
  if (!answer)
    throw new SetupError(
      `the active QR pay was not accepted (HTTP ${res.status}, code ${JSON.stringify(res.body?.code)})`,
      'PL-QR-001',
    );
  if (!answer.data || typeof answer.data !== 'object')
    throw new SetupError('the QR pay answer has no data object (see PL-ENV-*)');
  const data: Json = answer.data;
  const settled = String(data.status ?? '').toUpperCase();
  // An order already final at creation needs no payment; its webhook is due all the same.
  if (!FINAL.includes(settled)) {
    const unpaid = await payAtScanPage(t, data, {
      merchantOrderId: body.merchantOrderId,
      transAmt: body.transAmt,
      currency: body.currency,
    });
    if (unpaid) return skipped(unpaid);
  }
  const what = 'the Payloco webhook of a paid QR order';
  let deliveries = await t.webhooks.waitFor(hook.token, { count: 1, what });
  if (policy !== 'ack' && deliveries.length > 0)
    deliveries = await t.webhooks.waitForRetry(hook.token, { count: 2, what: `the retry of ${what}` });
  return {
    order: {
      merchantOrderId: body.merchantOrderId,
      orderId: typeof data.orderId === 'string' ? data.orderId : undefined,
      transAmt: body.transAmt,
      currency: body.currency,
      status: FINAL.includes(settled) ? settled : 'SUCCESS',
    },
    deliveries,
    waitMs: t.webhooks.waitMs,
    retryWaitMs: t.webhooks.retryWaitMs,
  };
}

const refusedOnce = setup('an active QR order was paid; its webhook was answered HTTP 500 once', (t) =>
  paidQr(t, 'nack-once'),
);
const refused200 = setup(
  'an active QR order was paid; its webhook was answered 200 without the code once',
  (t) => paidQr(t, 'nack-200-once'),
);

/** Starts both lifecycles at once, so their webhook waits overlap instead of adding up. */
function beginLifecycles(t: CheckContext): void {
  t.begin([refusedOnce], ['PL-WH-001', 'PL-WH-002', 'PL-WH-003', 'PL-WH-004', 'PL-WH-005']);
  t.begin([refused200], ['PL-WH-006']);
}

const firstWebhook = (t: CheckContext, o: Observed) => firstDelivery(t, o, 'notifyUrl', 'the order was paid');

/** The event as a JSON object: a precondition here (PL-WH-001 judges the body). */
const eventOf = (d: WebhookDelivery): Json => deliveryJson(d, 'PL-WH-001');

function ensureRetried(o: Observed, first: WebhookDelivery): void {
  ensure(
    o.deliveries[1] !== undefined,
    `a webhook answered HTTP ${first.answer.status} ${first.answer.body} was not retried within ${o.retryWaitMs} ms`,
    'a second delivery',
    'none',
  );
}

export default probes('payloco · webhooks', (p) => {
  p.check(
    {
      id: 'PL-WH-001',
      title: "a paid order's webhook arrives and matches webhook.schema.json",
      level: 'MUST',
      reading: 'P10',
      endpoint: 'webhook',
      capability: 'webhooks',
      clause: 'PayLoco sends an HTTP POST request with a JSON payload to your URL.',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: "The order is an active QR pay with notifyUrl at paycert's receiver, paid through its qrCode page (the payment simulator); where the target offers none, the webhook checks skip. The bound is 10 s against a bundled mock and 20 s otherwise (--webhook-wait).",
      killedBy: ['webhook-malformed'],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      beginLifecycles(t);
      const d = firstWebhook(t, await t.use(refusedOnce));
      ensureDeliverySchema(d, 'payloco/webhook.schema.json', 'webhook body');
    },
  );

  p.check(
    {
      id: 'PL-WH-002',
      title: 'x-timestamp is in ms and x-signature is the HMAC of the body, alone or after x-timestamp',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'webhook',
      capability: 'webhooks',
      clause: 'x-signature | HMAC hex digest of the request body.',
      spec: { section: 'payloco webhooks/webhooks-signature' },
      note: "Needs the webhook secret (PAYLOCO_WEBHOOK_SECRET or --webhook-secret-file); without it the check skips. x-timestamp must be 13 digits; a clock skew over 5 minutes is only noted. What the HMAC covers is told two ways (header table: the request body; overview: the request timestamp and request body, cut there): a signature over the raw body, over x-timestamp then the body, or over x-timestamp, '.', the body is accepted, and the evidence says which verified (profile P10).",
      killedBy: ['webhook-bad-signature', 'webhook-signature-stale-timestamp', 'webhook-unsigned'],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      beginLifecycles(t);
      const o = await t.use(refusedOnce);
      const d = firstWebhook(t, o);
      const secret = (t.credentials as PaylocoCredentials).webhookSecret;
      if (!secret) t.skip('no webhook secret was given (PAYLOCO_WEBHOOK_SECRET or --webhook-secret-file)');
      const ts = d.headers['x-timestamp'];
      ensure(
        /^\d{13}$/.test(ts ?? ''),
        'x-timestamp is not a timestamp in milliseconds',
        '13 digits',
        ts ?? '(absent)',
      );
      const skewS = Math.round(Math.abs(Number(ts) - d.receivedAt) / 1000);
      if (skewS > 300) t.note(`x-timestamp is ${skewS} s away from this machine's clock`);
      const got = d.headers['x-signature'];
      ensure(
        got !== undefined && got !== '',
        'the webhook carries no x-signature header',
        'x-signature',
        '(absent)',
      );
      // P10: the header table says the HMAC covers the body, the overview "the request timestamp and request body".
      const form = SIGNED_FORMS.find(
        (f) =>
          got.toLowerCase() ===
          paylocoWebhookSignature(paylocoWebhookSignedText(f.form, ts!, d.body), secret!),
      );
      ensure(
        form !== undefined,
        'x-signature is not the HMAC-SHA256 with the webhook secret of the raw body, nor of x-timestamp and the body',
        `hex HMAC-SHA256 with the webhook secret of one of: ${SIGNED_FORMS.map((f) => f.name).join('; ')}`,
        'a different value',
      );
      t.note(`x-signature verified as the HMAC of ${form!.name}`);
    },
  );

  p.check(
    {
      id: 'PL-WH-003',
      title: "the webhook data carries the paid order's ids, amount, currency and status",
      level: 'MUST',
      reading: 'P10',
      endpoint: 'webhook',
      capability: 'webhooks',
      clause: 'JSON POST with headers x-timestamp (ms) and x-signature',
      spec: { section: 'paycert profile P10' },
      note: "Compared: data.merchantOrderId, data.orderId (when the pay answer carried one), data.transAmt as the string sent, data.currency and data.status SUCCESS (the payment payload is undocumented: the query's fields, P9).",
      killedBy: ['webhook-malformed'],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      beginLifecycles(t);
      const o = await t.use(refusedOnce);
      const event = eventOf(firstWebhook(t, o));
      const order = o.order!;
      const data: Json = event.data && typeof event.data === 'object' ? event.data : {};
      const pick = (d: Json) => ({
        merchantOrderId: d.merchantOrderId,
        ...(order.orderId ? { orderId: d.orderId } : {}),
        transAmt: d.transAmt,
        currency: d.currency,
        status: d.status,
      });
      ensureEqual(pick(data), pick(order), 'data of the webhook of the paid order');
    },
  );

  p.check(
    {
      id: 'PL-WH-004',
      title: 'a webhook answered HTTP 500 is delivered again',
      level: 'SHOULD',
      reading: 'P10',
      endpoint: 'webhook',
      capability: 'webhooks',
      clause:
        'PayLoco treats any response other than a 200 status code with a response body code of 00000000, or a timeout, as a failed delivery and will retry.',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'SHOULD per the profile (the schedule is undocumented); the retry must arrive within the wait bound (against a bundled mock: the first retry delay the run gave it plus 1 s, lengthened as far as a loaded machine delays the mock).',
      killedBy: ['webhook-no-retry'],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      beginLifecycles(t);
      const o = await t.use(refusedOnce);
      ensureRetried(o, firstWebhook(t, o));
    },
  );

  p.check(
    {
      id: 'PL-WH-005',
      title: 'a retried webhook carries the same event id',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'webhook',
      capability: 'webhooks',
      clause: 'the id does not change across retries for the same event.',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'When no retry arrives there is nothing to compare: the check passes with a note (PL-WH-004 reports the missing retry).',
      killedBy: ['webhook-id-changes-on-retry'],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
      skippedBy: ['webhook-no-retry'],
    },
    async (t) => {
      beginLifecycles(t);
      const o = await t.use(refusedOnce);
      const first = firstWebhook(t, o);
      const retry = o.deliveries[1];
      // Without a retry there is nothing to compare: not judged here (PL-WH-004 reports the missing retry).
      if (!retry)
        t.skip(`no retry arrived within ${o.retryWaitMs} ms, so there is no retried event id to compare`);
      ensureEqual(eventOf(retry).id, eventOf(first).id, 'event id of the retry');
    },
  );

  p.check(
    {
      id: 'PL-WH-006',
      title: 'a webhook answered HTTP 200 without code 00000000 is delivered again',
      level: 'SHOULD',
      reading: 'P10',
      endpoint: 'webhook',
      capability: 'webhooks',
      clause:
        'PayLoco treats any response other than a 200 status code with a response body code of 00000000, or a timeout, as a failed delivery and will retry.',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'The first delivery is answered HTTP 200 with {"code":"99999999","message":"Failure"}.',
      killedBy: ['webhook-any-200-acks', 'webhook-no-retry'],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      beginLifecycles(t);
      const o = await t.use(refused200);
      ensureRetried(o, firstWebhook(t, o));
    },
  );
});
