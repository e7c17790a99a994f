import { ensure } from '../../src/checks/assert.js';
import { CheckFailure, SetupError } from '../../src/core/outcome.js';
import { paylocoWebhookSignature, paylocoWebhookSignedText } from '../../src/signing/payloco.js';
import {
  type DefinedHandlerCase,
  type HandlerKit,
  type HandlerPreflight,
  handlerCase,
} from '../../src/webhooks/handler-kit.js';

// PLH: paycert plays Payloco against the integrator's webhook handler (profile P10). Acknowledged means HTTP 200 with
// a JSON body whose code is 00000000 (payloco.md §8.1).

type Json = Record<string, unknown>;

const HOUR_MS = 3_600_000;

/** A payment_intent.result event as the webhook schema reads it. */
function event(
  h: HandlerKit,
  merchantOrderId: string,
  status = 'SUCCESS',
  at = Date.now(),
  extra: Json = {},
): Json {
  const time = new Date(at).toISOString();
  return {
    id: h.eventId(),
    name: 'payment_intent.result',
    created_at: time,
    notifyTime: time,
    data: {
      merchantOrderId,
      orderId: `9${merchantOrderId}`,
      status,
      transAmt: '20.01',
      currency: 'USD',
      completeTime: status === 'PENDING' ? null : time.replace(/\.\d{3}Z$/, 'Z'),
    },
    ...extra,
  };
}

function headersFor(
  h: HandlerKit,
  raw: string,
  opts: { timestamp?: number; signature?: string | null } = {},
) {
  const timestamp = String(opts.timestamp ?? Date.now());
  const headers: Record<string, string> = { 'x-timestamp': timestamp };
  // P10: the body alone unless the tester names the form their handler verifies (--webhook-signed).
  const signature =
    opts.signature === undefined
      ? paylocoWebhookSignature(paylocoWebhookSignedText(h.signedForm, timestamp, raw), h.secret)
      : opts.signature;
  if (signature !== null) headers['x-signature'] = signature;
  return headers;
}

/** Sends `raw` (a JSON text) with headers computed over it unless given. */
function deliverRaw(h: HandlerKit, raw: string, headers = headersFor(h, raw)) {
  return h.deliver(raw, headers);
}

function acknowledged(res: { status: number; json: unknown }): boolean {
  const body = res.json as Json | undefined;
  return res.status === 200 && !!body && typeof body === 'object' && body.code === '00000000';
}

function seen(res: { status: number; text: string }) {
  return { status: res.status, body: res.text.slice(0, 200) };
}

function ensureAck(h: HandlerKit, res: { status: number; text: string; json: unknown }, what: string): void {
  if (!acknowledged(res)) h.noteRefusedValid(res);
  ensure(
    acknowledged(res),
    `${what} was not acknowledged`,
    'HTTP 200 {"code":"00000000","message":"Success"}',
    seen(res),
  );
  const message = (res.json as Json).message;
  if (message !== 'Success')
    h.note(`the acknowledgement's message is ${JSON.stringify(message)}, the docs show "Success"`);
}

function ensureNotAck(res: { status: number; text: string; json: unknown }, what: string): void {
  ensure(
    !acknowledged(res),
    `${what} was acknowledged`,
    'anything but HTTP 200 with code 00000000',
    seen(res),
  );
}

async function deliverValid(h: HandlerKit, raw: string): Promise<void> {
  const res = await deliverRaw(h, raw);
  if (!acknowledged(res))
    throw new SetupError(
      `a valid webhook was not acknowledged (see PLH-ACK-001): HTTP ${res.status}`,
      'PLH-ACK-001',
    );
}

function wrongSignature(h: HandlerKit, raw: string): string {
  const sig = paylocoWebhookSignature(raw, h.secret);
  return (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
}

const MALFORMED = '{"id": "evt_broken", "data": {';

/** Checked before any case: a valid webhook is acknowledged, so the secret and the handler URL are right. */
export const preflight: HandlerPreflight = {
  valid: (h, id) => {
    const raw = JSON.stringify(event(h, id));
    return { body: raw, headers: headersFor(h, raw) };
  },
  wronglySigned: (h, id) => {
    const raw = JSON.stringify(event(h, id));
    return { body: raw, headers: headersFor(h, raw, { signature: wrongSignature(h, raw) }) };
  },
  acknowledged,
  orderOf: (body) => {
    const data = body.data as Json | undefined;
    const { merchantOrderId: id, transAmt: amount, currency } = data ?? {};
    return typeof id === 'string' && typeof amount === 'string' && typeof currency === 'string'
      ? { id, amount, currency }
      : undefined;
  },
};

/** The documents the checks' sections cite, by section name. */
export const docs: Record<string, string> = {
  'payloco webhooks/webhooks-overview': 'https://doc2.payloco.com/webhooks/webhooks-overview',
  'payloco webhooks/webhooks-signature': 'https://doc2.payloco.com/webhooks/webhooks-signature',
  'payloco webhooks/signature': 'https://doc2.payloco.com/webhooks/signature',
  'paycert profile P10': 'https://doc2.payloco.com/webhooks/webhooks-overview',
};

export const cases: DefinedHandlerCase[] = [
  handlerCase(
    {
      id: 'PLH-ACK-001',
      title: 'a valid signed webhook is acknowledged with 200 and code 00000000',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause:
        'Your endpoint must return a 200 status code and the following response body for PayLoco to consider the delivery successful',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'A message other than "Success" is noted, not failed.',
      killedBy: ['wrong-ack'],
    },
    async (h) => ensureAck(h, await deliverRaw(h, JSON.stringify(event(h, h.orderId()))), 'a valid webhook'),
  ),
  handlerCase(
    {
      id: 'PLH-ACK-002',
      title: 'an acknowledged valid callback is applied: the order shows a status, processed >= 1',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause:
        'Your endpoint must return a 200 status code and the following response body for PayLoco to consider the delivery successful',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'Needs --order-status-url. The acknowledgement ends the gateway\'s retries, so a callback acknowledged but never applied is lost: the profile says so only through the retry rule, and paycert reads it as a MUST. A handler that applies from a queue is read until the request timeout. Only an answer that is not the documented {"status","processed"} shape (404 for the order, not JSON) is a setup error.',
      killedBy: ['acks-without-applying'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      await deliverValid(h, JSON.stringify(event(h, id)));
      // A handler may apply from a queue: the order is read until it shows, or the request timeout.
      const state = await h.waitForOrder(id);
      ensure(
        state.found && state.status !== undefined && (state.processed === undefined || state.processed > 0),
        'a valid webhook was acknowledged but not applied: the order-status endpoint does not show it',
        'the order with a status and processed >= 1',
        state.found
          ? { status: state.status ?? null, processed: state.processed ?? null }
          : 'HTTP 404 (no such order)',
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-SIG-001',
      title: 'a webhook with a wrong x-signature is not acknowledged',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      spec: { section: 'payloco webhooks/signature' },
      killedBy: ['accepts-any-signature', 'ack-before-verify', 'alt:queues-forged'],
    },
    async (h) => {
      const raw = JSON.stringify(event(h, h.orderId()));
      ensureNotAck(
        await deliverRaw(h, raw, headersFor(h, raw, { signature: wrongSignature(h, raw) })),
        'a webhook with a wrong x-signature',
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-SIG-002',
      title: 'a webhook without x-signature is not acknowledged',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      spec: { section: 'payloco webhooks/signature' },
      killedBy: ['accepts-any-signature', 'ack-before-verify', 'alt:queues-forged'],
    },
    async (h) => {
      const raw = JSON.stringify(event(h, h.orderId()));
      ensureNotAck(
        await deliverRaw(h, raw, headersFor(h, raw, { signature: null })),
        'a webhook without x-signature',
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-SIG-003',
      title: 'a webhook whose body changed after signing is not acknowledged',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'x-signature | HMAC hex digest of the request body.',
      spec: { section: 'payloco webhooks/webhooks-signature' },
      killedBy: ['accepts-any-signature', 'ack-before-verify', 'alt:queues-forged'],
    },
    async (h) => {
      const raw = JSON.stringify(event(h, h.orderId()));
      const headers = headersFor(h, raw);
      ensureNotAck(
        await deliverRaw(h, raw.replace('"20.01"', '"20000.01"'), headers),
        'a webhook whose body was changed after signing',
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-SIG-004',
      title: 'a webhook with a wrong x-signature changes no order',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      spec: { section: 'payloco webhooks/signature' },
      note: 'Needs --order-status-url (GET, JSON with status and processed); without it the check skips. Read after a barrier (a later valid callback for a fresh order shows on that URL), so a handler that applies callbacks from a queue after acknowledging them is judged once it has caught up.',
      killedBy: ['accepts-any-signature', 'alt:queues-forged'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      const raw = JSON.stringify(event(h, id));
      await deliverRaw(h, raw, headersFor(h, raw, { signature: wrongSignature(h, raw) }));
      const state = await h.settledState(id);
      if (state.found && state.processed === undefined)
        throw new SetupError('the order-status answer carries no processed count');
      ensure(
        !state.found || state.processed === 0,
        'a webhook with a wrong x-signature was processed',
        'the order unchanged (processed 0)',
        state,
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-SIG-005',
      title: 'a webhook whose x-timestamp is an hour old is not acknowledged',
      level: 'SHOULD',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'The signature is computed as an HMAC using the request timestamp and request body',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'SHOULD: the tolerance is undocumented (the page is truncated); an hour-old timestamp is a replay by any reading.',
      killedBy: ['accepts-any-signature', 'ack-before-verify', 'no-replay-window', 'alt:queues-forged'],
    },
    async (h) => {
      const at = Date.now() - HOUR_MS;
      const raw = JSON.stringify(event(h, h.orderId(), 'SUCCESS', at));
      ensureNotAck(
        await deliverRaw(h, raw, headersFor(h, raw, { timestamp: at })),
        'a webhook whose x-timestamp is an hour old',
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-DUP-001',
      title: 'the same event delivered twice is acknowledged twice',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'Your endpoint may receive the same event more than once.',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      killedBy: ['rejects-duplicates'],
    },
    async (h) => {
      const raw = JSON.stringify(event(h, h.orderId()));
      await deliverValid(h, raw);
      ensureAck(h, await deliverRaw(h, raw), 'the second delivery of the same event');
    },
  ),
  handlerCase(
    {
      id: 'PLH-DUP-002',
      title: 'the same event delivered twice is processed once',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'Implement idempotent processing by tracking the event id in the payload',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'Needs --order-status-url (GET, JSON with status and processed); without it the check skips. Read after a barrier (a later valid callback for a fresh order shows on that URL), so a handler that applies callbacks from a queue after acknowledging them is judged once it has caught up.',
      killedBy: ['processes-duplicates', 'alt:queues-duplicates'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      const raw = JSON.stringify(event(h, id));
      await deliverValid(h, raw);
      await deliverValid(h, raw);
      const state = await h.settledState(id);
      if (!state.found || state.processed === undefined) {
        throw new SetupError(`the order-status endpoint shows no processed count for ${id}`);
      }
      ensure(
        state.processed === 1,
        'the same event delivered twice was processed twice',
        'processed 1',
        state,
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-ORD-001',
      title: 'an older PENDING event after SUCCESS leaves the order final',
      level: 'SHOULD',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'PayLoco does not guarantee events are delivered in the order they were generated.',
      spec: { section: 'payloco webhooks/webhooks-overview' },
      note: 'Needs --order-status-url (GET, JSON with status and processed); without it the check skips. Read after a barrier (a later valid callback for a fresh order shows on that URL), so a handler that applies callbacks from a queue after acknowledging them is judged once it has caught up. The older event has its own id and an earlier notifyTime.',
      killedBy: ['regresses-final-state', 'alt:queues-older-state'],
    },
    async (h) => {
      h.needOrderStatus();
      const id = h.orderId();
      const now = Date.now();
      await deliverValid(h, JSON.stringify(event(h, id, 'SUCCESS', now)));
      const before = await h.waitForOrder(id);
      if (!before.found || before.status === undefined)
        throw new SetupError(`the order-status endpoint shows no status for ${id}`);
      await deliverRaw(h, JSON.stringify(event(h, id, 'PENDING', now - 60_000)));
      const after = await h.settledState(id);
      ensure(
        after.status === before.status,
        'an older PENDING event after SUCCESS changed the final state',
        before.status,
        after.status,
      );
    },
  ),
  handlerCase(
    {
      id: 'PLH-EXT-001',
      title: 'a valid webhook with unknown extra fields is acknowledged',
      level: 'SHOULD',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'The full details of the event are included',
      spec: { section: 'payloco webhooks/webhooks-signature' },
      note: "The payload schema is unpublished and depends on the subscription's API version: a handler must not insist on a closed field list.",
      killedBy: ['rejects-unknown-fields', 'wrong-ack'],
    },
    async (h) => {
      const raw = JSON.stringify(
        event(h, h.orderId(), 'SUCCESS', Date.now(), { account_id: 'acct_1', version: '2025-01-01' }),
      );
      ensureAck(h, await deliverRaw(h, raw), 'a valid webhook with unknown extra fields');
    },
  ),
  handlerCase(
    {
      id: 'PLH-BAD-001',
      title: 'a correctly signed body that is not JSON is not acknowledged',
      level: 'MUST',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'The webhook payload is sent as JSON in the POST request body.',
      spec: { section: 'payloco webhooks/webhooks-signature' },
      killedBy: ['ack-before-verify'],
    },
    async (h) => ensureNotAck(await deliverRaw(h, MALFORMED), 'a correctly signed body that is not JSON'),
  ),
  handlerCase(
    {
      id: 'PLH-BAD-002',
      title: 'a correctly signed body that is not JSON gets no HTTP 5xx',
      level: 'SHOULD',
      reading: 'P10',
      endpoint: 'notify_url handler',
      clause: 'The webhook payload is sent as JSON in the POST request body.',
      spec: { section: 'payloco webhooks/webhooks-signature' },
      note: 'A 5xx tells the gateway to retry a body that can never be processed; a 4xx is expected.',
      killedBy: ['bad-json-500'],
    },
    async (h) => {
      const res = await deliverRaw(h, MALFORMED);
      if (res.status >= 500) {
        throw new CheckFailure(
          'a correctly signed body that is not JSON got a server error',
          'HTTP 4xx (or another non-5xx answer)',
          seen(res),
        );
      }
    },
  ),
];
