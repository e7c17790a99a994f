import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// An integrator's webhook handler for Lesspay 2.0 and Payloco, small on purpose: verify, then process once, never
// move a final order back, answer the documented acknowledgement. It imports nothing from paycert (it is the code a
// merchant would write). Faulty variants, each selectable by name, show what `paycert webhook-test` catches.

export type Gateway = 'lesspay' | 'payloco';

export const FAULTS = {
  'accepts-any-signature': 'skips signature (and timestamp) verification',
  'ack-before-verify': 'answers the acknowledgement first, then verifies and processes',
  'processes-duplicates': 'processes every delivery, duplicates included',
  'regresses-final-state': 'applies any status, so an older PENDING overwrites SUCCEED',
  'bad-json-500': 'crashes (HTTP 500) on a body that is not JSON',
  'rejects-unknown-fields': 'refuses a callback carrying fields it does not know',
  'rejects-duplicates': 'answers a duplicate delivery 409 instead of acknowledging it',
  'wrong-ack': 'acknowledges with a body the gateway does not recognise',
  'v1-signing-only': 'Lesspay: verifies every callback over the v1 field set, whatever its api_version',
  'no-replay-window': 'Payloco: accepts any x-timestamp, however old',
  'acks-without-applying':
    'acknowledges every valid callback and applies none: the order shows status null, processed 0',
} as const;
export type Fault = keyof typeof FAULTS;

export interface HandlerOptions {
  gateway: Gateway;
  /** Lesspay app secret or Payloco webhook secret. */
  secret: string;
  fault?: Fault;
  host?: string;
  port?: number;
}

export interface RunningHandler {
  /** POST callbacks here. */
  handlerUrl: string;
  /** GET the handler's view of an order: {status, processed}. */
  orderStatusUrl: string;
  close(): Promise<void>;
}

interface Order {
  status: string | null;
  processed: number;
}

const FINAL = new Set(['SUCCEED', 'SUCCESS', 'FAILED', 'CLOSED', 'CANCELLED', 'REFUNDED']);
const REPLAY_WINDOW_MS = 5 * 60_000;
const LESSPAY_V1_UNSIGNED = ['api_version', 'order_status_int', 'channel_biz_data', 'event', 'event_data'];
const LESSPAY_KNOWN = new Set([
  'pay_order_id',
  'request_id',
  'order_status',
  'order_status_int',
  'target_currency',
  'target_amount',
  'success_url',
  'fail_url',
  'product_name',
  'description',
  'complete_time',
  'error_code',
  'error_msg',
  'notify_url',
  'merchant_reserved_field',
  'api_version',
  'channel_biz_data',
  'event',
  'event_data',
]);
const PAYLOCO_KNOWN = new Set(['id', 'name', 'created_at', 'notifyTime', 'data']);

type Json = Record<string, unknown>;

// --- Lesspay signature (docs §6.1: sorted non-empty k=v, &key=secret, uppercase SHA-256) ---
const empty = (v: unknown) => v === null || v === undefined || v === '';
function render(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(v);
  if (v !== null && typeof v === 'object') return `{${joined(v as Json)}}`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
function joined(o: Json): string {
  return Object.keys(o)
    .filter((k) => !empty(o[k]))
    .sort()
    .map((k) => `${k}=${render(o[k])}`)
    .join('&');
}
function lesspaySignature(body: Json, secret: string, v1Only: boolean): string {
  const v = String(body.api_version ?? '')
    .trim()
    .toLowerCase();
  const signed =
    v1Only || v === '' || v === 'v1'
      ? Object.fromEntries(Object.entries(body).filter(([k]) => !LESSPAY_V1_UNSIGNED.includes(k)))
      : body;
  const text = joined(signed);
  return createHash('sha256')
    .update(text === '' ? `key=${secret}` : `${text}&key=${secret}`)
    .digest('hex')
    .toUpperCase();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : (v ?? '');
}

/** What a callback asks for, once verified and parsed. */
interface Update {
  orderId: string;
  status: string;
  /** Identifies one delivery of one event: processed at most once. */
  dedupeKey: string;
}

type Verdict = { ok: true; update: Update } | { ok: false; status: number; reason: string };

export async function startHandler(opts: HandlerOptions): Promise<RunningHandler> {
  const { gateway, secret, fault } = opts;
  const orders = new Map<string, Order>();
  const seen = new Set<string>();

  const ack = (res: ServerResponse) => {
    if (gateway === 'lesspay') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(fault === 'wrong-ack' ? 'OK' : 'SUCCESS');
    } else {
      const code = fault === 'wrong-ack' ? '0' : '00000000';
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ code, message: 'Success' }));
    }
  };
  const refuse = (res: ServerResponse, status: number, reason: string) => {
    if (res.headersSent) return;
    if (gateway === 'lesspay') res.writeHead(status, { 'Content-Type': 'text/plain' }).end('FAIL');
    else
      res
        .writeHead(status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ code: 'FAIL', message: reason }));
  };

  function parse(raw: string): Json | undefined {
    try {
      const v = JSON.parse(raw);
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }

  function lesspay(req: IncomingMessage, raw: string): Verdict {
    const body = parse(raw);
    if (!body) return { ok: false, status: 400, reason: 'not JSON' };
    if (fault !== 'accepts-any-signature') {
      const expected = lesspaySignature(body, secret, fault === 'v1-signing-only');
      if (!same(header(req, 'x-auth-signature'), expected))
        return { ok: false, status: 401, reason: 'bad signature' };
    }
    if (fault === 'rejects-unknown-fields' && Object.keys(body).some((k) => !LESSPAY_KNOWN.has(k))) {
      return { ok: false, status: 400, reason: 'unknown field' };
    }
    if (typeof body.request_id !== 'string' || typeof body.order_status !== 'string') {
      return { ok: false, status: 400, reason: 'missing request_id or order_status' };
    }
    // Lesspay callbacks carry no event id: one order state is one event.
    return {
      ok: true,
      update: {
        orderId: body.request_id,
        status: body.order_status,
        dedupeKey: `${body.request_id}:${body.order_status}`,
      },
    };
  }

  function payloco(req: IncomingMessage, raw: string): Verdict {
    if (fault !== 'accepts-any-signature') {
      const expected = createHmac('sha256', secret).update(raw, 'utf8').digest('hex');
      if (!same(header(req, 'x-signature').toLowerCase(), expected))
        return { ok: false, status: 401, reason: 'bad signature' };
      const ts = Number(header(req, 'x-timestamp'));
      if (fault !== 'no-replay-window' && !(Math.abs(Date.now() - ts) <= REPLAY_WINDOW_MS)) {
        return { ok: false, status: 401, reason: 'stale or missing x-timestamp' };
      }
    }
    const body = parse(raw);
    if (!body) return { ok: false, status: 400, reason: 'not JSON' };
    if (fault === 'rejects-unknown-fields' && Object.keys(body).some((k) => !PAYLOCO_KNOWN.has(k))) {
      return { ok: false, status: 400, reason: 'unknown field' };
    }
    const data = body.data as Json | undefined;
    if (
      typeof body.id !== 'string' ||
      typeof data?.merchantOrderId !== 'string' ||
      typeof data.status !== 'string'
    ) {
      return { ok: false, status: 400, reason: 'not a payment event' };
    }
    return { ok: true, update: { orderId: data.merchantOrderId, status: data.status, dedupeKey: body.id } };
  }

  /** Applies an update once; a final order never changes again. */
  function process(u: Update): 'applied' | 'duplicate' | 'ignored' {
    if (seen.has(u.dedupeKey) && fault !== 'processes-duplicates') return 'duplicate';
    seen.add(u.dedupeKey);
    const order = orders.get(u.orderId);
    if (fault === 'acks-without-applying') {
      // Known, acknowledged, never applied: the order-status answer has the documented shape and shows nothing.
      if (!order) orders.set(u.orderId, { status: null, processed: 0 });
      return 'applied';
    }
    // A final order never moves to another status (an older PENDING may arrive after SUCCEED).
    if (
      order?.status &&
      FINAL.has(order.status) &&
      u.status !== order.status &&
      fault !== 'regresses-final-state'
    ) {
      return 'ignored';
    }
    orders.set(u.orderId, { status: u.status, processed: (order?.processed ?? 0) + 1 });
    return 'applied';
  }

  async function callback(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    if (fault === 'ack-before-verify') ack(res);
    if (fault === 'bad-json-500' && parse(raw) === undefined) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    const verdict = gateway === 'lesspay' ? lesspay(req, raw) : payloco(req, raw);
    if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
    const outcome = process(verdict.update);
    if (outcome === 'duplicate' && fault === 'rejects-duplicates') return refuse(res, 409, 'duplicate');
    if (!res.headersSent) ack(res);
  }

  function status(res: ServerResponse, id: string) {
    const order = orders.get(id);
    if (!order)
      return res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"unknown order"}');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(order));
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://handler').pathname;
    const order = /^\/orders\/([^/]+)$/.exec(path);
    if (req.method === 'POST' && path === '/webhook')
      callback(req, res).catch(() => refuse(res, 500, 'error'));
    else if (req.method === 'GET' && order) status(res, decodeURIComponent(order[1]));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    handlerUrl: `${base}/webhook`,
    orderStatusUrl: `${base}/orders/{request_id}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
