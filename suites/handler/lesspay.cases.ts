import {
  CheckFailure,
  ensure,
  type HandlerCase,
  type HandlerKit,
  type HandlerPreflight,
  lesspayCallbackSign,
  lesspaySign,
  SetupError,
} from '../../src/index.js';

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

export const cases: HandlerCase[] = [
  {
    id: 'LPH-ACK-001',
    run: async (h) => ensureAck(h, await deliver(h, callback(h.orderId())), 'a valid v1 callback'),
  },
  {
    id: 'LPH-ACK-002',
    run: async (h) =>
      ensureAck(h, await deliver(h, callback(h.orderId(), { api_version: 'v2' })), 'a valid v2 callback'),
  },
  {
    id: 'LPH-ACK-003',
    run: async (h) => {
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
  },
  {
    id: 'LPH-SIG-001',
    run: async (h) => {
      const body = callback(h.orderId());
      ensureNotAck(
        await deliver(h, body, headersFor(h, body, tamperedSignature(lesspayCallbackSign(body, h.secret)))),
        'a callback with a wrong signature',
      );
    },
  },
  {
    id: 'LPH-SIG-002',
    run: async (h) => {
      const body = callback(h.orderId());
      ensureNotAck(
        await deliver(h, body, { 'X-Auth-Timestamp': String(Date.now()) }),
        'a callback without x-auth-signature',
      );
    },
  },
  {
    id: 'LPH-SIG-003',
    run: async (h) => {
      const body = callback(h.orderId());
      const headers = headersFor(h, body);
      ensureNotAck(
        await deliver(h, { ...body, target_amount: '1000000.00' }, headers),
        'a callback whose amount was changed after signing',
      );
    },
  },
  {
    id: 'LPH-SIG-004',
    run: async (h) => {
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
  },
  {
    id: 'LPH-DUP-001',
    run: async (h) => {
      const body = callback(h.orderId());
      const headers = headersFor(h, body);
      await deliverValid(h, body);
      ensureAck(h, await deliver(h, body, headers), 'the second delivery of the same callback');
    },
  },
  {
    id: 'LPH-DUP-002',
    run: async (h) => {
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
  },
  {
    id: 'LPH-ORD-001',
    run: async (h) => {
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
  },
  {
    id: 'LPH-EXT-001',
    run: async (h) => {
      const body = callback(h.orderId(), { paycert_unknown_field: 'x', risk_level: 'LOW' });
      ensureAck(h, await deliver(h, body), 'a valid callback with unknown extra fields');
    },
  },
  {
    id: 'LPH-BAD-001',
    run: async (h) => {
      const res = await h.deliver('{"request_id": "broken', {
        'x-auth-signature': lesspaySign(null, h.secret),
      });
      ensureNotAck(res, 'a callback body that is not JSON');
    },
  },
  {
    id: 'LPH-BAD-002',
    run: async (h) => {
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
  },
];
