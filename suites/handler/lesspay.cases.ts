import { ensure } from '../../src/checks/assert.js';
import { CheckFailure, SetupError } from '../../src/core/outcome.js';
import { lesspayCallbackSign, lesspaySign } from '../../src/signing/lesspay.js';
import {
  type DefinedHandlerCase,
  type HandlerKit,
  type HandlerPreflight,
  handlerCase,
} from '../../src/webhooks/handler-kit.js';

// LPH: paycert plays Lesspay against the integrator's callback handler (profile L11, L3). Acknowledged means a 2xx
// whose body is SUCCESS (lesspay.md §6.4).

type Json = Record<string, unknown>;

/** A pay-in callback shaped as the vendor demo's "real payin webhook sample" (lesspay.md §6.1). */
function callback(requestId: string, extra: Json = {}): Json {
  return {
    pay_order_id: `P${requestId}`,
    request_id: requestId,
    order_status: 'SUCCEED',
    target_currency: 'USD',
    target_amount: '100.00',
    success_url: 'https://merchant.example/success',
    fail_url: 'https://merchant.example/fail',
    product_name: 'deposit',
    description: `Deposit #${requestId}`,
    complete_time: Date.now(),
    error_code: null,
    error_msg: null,
    notify_url: null,
    merchant_reserved_field: null,
    api_version: 'v1',
    order_status_int: 2,
    channel_biz_data: null,
    event: null,
    event_data: null,
    ...extra,
  };
}

const PENDING = { order_status: 'PENDING_PAY', order_status_int: 1, complete_time: null };

function headersFor(
  h: HandlerKit,
  body: Json,
  signature = lesspayCallbackSign(body, h.secret),
): Record<string, string> {
  return { 'x-auth-signature': signature, 'X-Auth-Timestamp': String(Date.now()) };
}

async function deliver(h: HandlerKit, body: Json, headers = headersFor(h, body)) {
  return h.deliver(JSON.stringify(body), headers);
}

function acknowledged(res: { status: number; text: string }): boolean {
  return res.status >= 200 && res.status < 300 && res.text.trim() === 'SUCCESS';
}

function ensureAck(h: HandlerKit, res: { status: number; text: string }, what: string): void {
  if (!acknowledged(res)) h.noteRefusedValid(res);
  ensure(acknowledged(res), `${what} was not acknowledged`, 'HTTP 2xx with the body SUCCESS', {
    status: res.status,
    body: res.text.slice(0, 200),
  });
}

function ensureNotAck(res: { status: number; text: string }, what: string): void {
  ensure(!acknowledged(res), `${what} was acknowledged`, 'anything but a 2xx with the body SUCCESS', {
    status: res.status,
    body: res.text.slice(0, 200),
  });
}

/** Delivers a valid callback that must be acknowledged for the check to mean anything. */
async function deliverValid(h: HandlerKit, body: Json): Promise<void> {
  const res = await deliver(h, body);
  if (!acknowledged(res))
    throw new SetupError(
      `a valid callback was not acknowledged (see LPH-ACK-001): HTTP ${res.status}`,
      'LPH-ACK-001',
    );
}

function tamperedSignature(sig: string): string {
  return (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
}

/** Checked before any case: a valid callback is acknowledged, so the secret and the handler URL are right. */
export const preflight: HandlerPreflight = {
  valid: (h, id) => {
    const body = callback(id);
    return { body: JSON.stringify(body), headers: headersFor(h, body) };
  },
  wronglySigned: (h, id) => {
    const body = callback(id);
    return {
      body: JSON.stringify(body),
      headers: headersFor(h, body, tamperedSignature(lesspayCallbackSign(body, h.secret))),
    };
  },
  acknowledged,
  orderOf: (body) => {
    const { request_id: id, target_amount: amount, target_currency: currency } = body;
    return typeof id === 'string' && typeof amount === 'string' && typeof currency === 'string'
      ? { id, amount, currency }
      : undefined;
  },
};

/** The documents the checks' sections cite, by section name. */
export const docs: Record<string, string> = {
  'lesspay §6.1 Pay-in webhook': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7770673m0',
  'lesspay §6.1 PayinWebhookVerifyExample':
    'https://github.com/doopayment/payment_openapi_demo/blob/da8d3decd56c5fe5aaa1507928c8e65f25b671d2/lesspay2-api-demo-java/src/test/java/com/dpe/lesspay2/demo/example/payin/PayinWebhookVerifyExample.java',
  'lesspay §6.4 Pay In acknowledgement': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7883829m0',
  'profile L11': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7770673m0',
};

export const cases: DefinedHandlerCase[] = [
  handlerCase(
    {
      id: 'LPH-ACK-001',
      title: 'a valid v1-signed pay-in callback is acknowledged with SUCCESS',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      clause: 'Response: Return the string "SUCCESS" to acknowledge receipt.',
      spec: { section: 'lesspay §6.4 Pay In acknowledgement' },
      note: "The callback is shaped as the vendor demo's real pay-in sample (api_version v1), signed over the v1 field set.",
      killedBy: ['wrong-ack'],
    },
    async (h) => ensureAck(h, await deliver(h, callback(h.orderId())), 'a valid v1 callback'),
  ),
  handlerCase(
    {
      id: 'LPH-ACK-002',
      title: 'a valid v2-signed pay-in callback is acknowledged with SUCCESS',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      clause: 'v2 signs the full OrderCallbackRequest field set',
      spec: { section: 'lesspay §6.1 PayinWebhookVerifyExample' },
      note: "The signed field set depends on the body's api_version: a handler that always strips the v1 fields rejects v2 callbacks.",
      killedBy: ['wrong-ack', 'v1-signing-only'],
    },
    async (h) =>
      ensureAck(h, await deliver(h, callback(h.orderId(), { api_version: 'v2' })), 'a valid v2 callback'),
  ),
  handlerCase(
    {
      id: 'LPH-ACK-003',
      title: 'an acknowledged valid callback is applied: the order shows a status, processed >= 1',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      clause: 'Return the string "SUCCESS" to acknowledge receipt.',
      spec: { section: 'lesspay §6.4 Pay In acknowledgement' },
      note: 'Needs --order-status-url. The acknowledgement ends the gateway\'s retries, so a callback acknowledged but never applied is lost: the profile says so only through the retry rule, and paycert reads it as a MUST. A handler that applies from a queue is read until the request timeout. Only an answer that is not the documented {"status","processed"} shape (404 for the order, not JSON) is a setup error.',
      killedBy: ['acks-without-applying'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      await deliverValid(h, callback(id));
      // A handler may apply from a queue: the order is read until it shows, or the request timeout.
      const state = await h.waitForOrder(id);
      ensure(
        state.found && state.status !== undefined && (state.processed === undefined || state.processed > 0),
        'a valid callback was acknowledged but not applied: the order-status endpoint does not show it',
        'the order with a status and processed >= 1',
        state.found
          ? { status: state.status ?? null, processed: state.processed ?? null }
          : 'HTTP 404 (no such order)',
      );
    },
  ),
  handlerCase(
    {
      id: 'LPH-SIG-001',
      title: 'a callback with a wrong x-auth-signature is not acknowledged',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'profile L11' },
      killedBy: ['accepts-any-signature', 'ack-before-verify', 'alt:queues-forged'],
    },
    async (h) => {
      const body = callback(h.orderId());
      ensureNotAck(
        await deliver(h, body, headersFor(h, body, tamperedSignature(lesspayCallbackSign(body, h.secret)))),
        'a callback with a wrong signature',
      );
    },
  ),
  handlerCase(
    {
      id: 'LPH-SIG-002',
      title: 'a callback without x-auth-signature is not acknowledged',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'lesspay §6.1 Pay-in webhook' },
      killedBy: ['accepts-any-signature', 'ack-before-verify', 'alt:queues-forged'],
    },
    async (h) => {
      const body = callback(h.orderId());
      ensureNotAck(
        await deliver(h, body, { 'X-Auth-Timestamp': String(Date.now()) }),
        'a callback without x-auth-signature',
      );
    },
  ),
  handlerCase(
    {
      id: 'LPH-SIG-003',
      title: 'a callback whose amount changed after signing is not acknowledged',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'lesspay §6.1 Pay-in webhook' },
      killedBy: ['accepts-any-signature', 'ack-before-verify', 'alt:queues-forged'],
    },
    async (h) => {
      const body = callback(h.orderId());
      const headers = headersFor(h, body);
      ensureNotAck(
        await deliver(h, { ...body, target_amount: '1000000.00' }, headers),
        'a callback whose amount was changed after signing',
      );
    },
  ),
  handlerCase(
    {
      id: 'LPH-SIG-004',
      title: 'a callback with a wrong signature changes no order',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'profile L11' },
      note: 'Needs --order-status-url (GET, JSON with status and processed); without it the check skips. Read after a barrier (a later valid callback for a fresh order shows on that URL), so a handler that applies callbacks from a queue after acknowledging them is judged once it has caught up.',
      killedBy: ['accepts-any-signature', 'alt:queues-forged'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      const body = callback(id);
      await deliver(h, body, headersFor(h, body, tamperedSignature(lesspayCallbackSign(body, h.secret))));
      const state = await h.settledState(id);
      if (state.found && state.processed === undefined)
        throw new SetupError('the order-status answer carries no processed count');
      ensure(
        !state.found || state.processed === 0,
        'a callback with a wrong signature was processed',
        'the order unchanged (processed 0)',
        state,
      );
    },
  ),
  handlerCase(
    {
      id: 'LPH-DUP-001',
      title: 'the same callback delivered twice is acknowledged twice',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'profile L11' },
      killedBy: ['rejects-duplicates'],
    },
    async (h) => {
      const body = callback(h.orderId());
      const headers = headersFor(h, body);
      await deliverValid(h, body);
      ensureAck(h, await deliver(h, body, headers), 'the second delivery of the same callback');
    },
  ),
  handlerCase(
    {
      id: 'LPH-DUP-002',
      title: 'the same callback delivered twice is processed once',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'profile L11' },
      note: 'Needs --order-status-url (GET, JSON with status and processed); without it the check skips. Read after a barrier (a later valid callback for a fresh order shows on that URL), so a handler that applies callbacks from a queue after acknowledging them is judged once it has caught up.',
      killedBy: ['processes-duplicates', 'alt:queues-duplicates'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      const body = callback(id);
      await deliverValid(h, body);
      await deliverValid(h, body);
      const state = await h.settledState(id);
      if (!state.found || state.processed === undefined) {
        throw new SetupError(`the order-status endpoint shows no processed count for ${id}`);
      }
      ensure(
        state.processed === 1,
        'the same callback delivered twice was processed twice',
        'processed 1',
        state,
      );
    },
  ),
  handlerCase(
    {
      id: 'LPH-ORD-001',
      title: 'an older PENDING callback after SUCCEED leaves the order final',
      level: 'SHOULD',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'profile L11' },
      note: 'Needs --order-status-url (GET, JSON with status and processed); without it the check skips. Read after a barrier (a later valid callback for a fresh order shows on that URL), so a handler that applies callbacks from a queue after acknowledging them is judged once it has caught up. SHOULD: delivery order is undocumented; a final state that regresses double-books or loses a payment.',
      killedBy: ['regresses-final-state', 'alt:queues-older-state'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      const paid = callback(id);
      await deliverValid(h, paid);
      const before = await h.waitForOrder(id);
      if (!before.found || before.status === undefined)
        throw new SetupError(`the order-status endpoint shows no status for ${id}`);
      const older = callback(id, { ...PENDING, complete_time: null });
      await deliver(h, older);
      const after = await h.settledState(id);
      ensure(
        after.status === before.status,
        'an older PENDING callback after SUCCEED changed the final state',
        before.status,
        after.status,
      );
    },
  ),
  handlerCase(
    {
      id: 'LPH-EXT-001',
      title: 'a valid callback with unknown extra fields is acknowledged',
      level: 'SHOULD',
      reading: 'L11',
      endpoint: 'notify_url handler',
      clause: 'Notification parameters table',
      spec: { section: 'lesspay §6.1 Pay-in webhook' },
      note: "The demo's real sample already carries fields beyond the table (channel_biz_data, event, event_data): a handler must not insist on a closed field list.",
      killedBy: ['rejects-unknown-fields', 'wrong-ack'],
    },
    async (h) => {
      const body = callback(h.orderId(), { paycert_unknown_field: 'x', risk_level: 'LOW' });
      ensureAck(h, await deliver(h, body), 'a valid callback with unknown extra fields');
    },
  ),
  handlerCase(
    {
      id: 'LPH-BAD-001',
      title: 'a callback body that is not JSON is not acknowledged',
      level: 'MUST',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'lesspay §6.1 Pay-in webhook' },
      killedBy: ['ack-before-verify'],
    },
    async (h) => {
      const res = await h.deliver('{"request_id": "broken', {
        'x-auth-signature': lesspaySign(null, h.secret),
      });
      ensureNotAck(res, 'a callback body that is not JSON');
    },
  ),
  handlerCase(
    {
      id: 'LPH-BAD-002',
      title: 'a callback body that is not JSON gets no HTTP 5xx',
      level: 'SHOULD',
      reading: 'L11',
      endpoint: 'notify_url handler',
      spec: { section: 'lesspay §6.1 Pay-in webhook' },
      note: 'A 5xx tells the gateway to retry a body that can never be processed; a 4xx is expected.',
      killedBy: ['bad-json-500'],
    },
    async (h) => {
      const res = await h.deliver('{"request_id": "broken', {
        'x-auth-signature': lesspaySign(null, h.secret),
      });
      if (res.status >= 500) {
        throw new CheckFailure(
          'a callback body that is not JSON got a server error',
          'HTTP 4xx (or another non-5xx answer)',
          {
            status: res.status,
            body: res.text.slice(0, 200),
          },
        );
      }
    },
  ),
];
