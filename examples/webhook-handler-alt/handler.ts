import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Job, Journal, type NewOrder } from './journal.js';
import { OrderTable } from './orders.js';
import { headerOf, lesspayVerified, paylocoVerified } from './verify.js';

// A second conformant webhook handler, shaped unlike examples/webhook-handler wherever the docs leave the choice
// open: one server for both gateways, routed by path; a verified callback is written to a journal and acknowledged
// at once, then applied by a worker (so the order-status endpoint lags the acknowledgement); Lesspay's status is
// shown as the table's integer; refusals use 403/400/422 with bodies of their own. Like a merchant's records, it
// knows only the orders it created (here through POST /api/test-orders, paycert's --order-setup-url) and refuses
// callbacks for any other order or for another amount or currency. It imports nothing from paycert.

/**
 * Faulty variants for the self-test. What each does to an order happens in the worker, after the acknowledgement,
 * so the processing checks must see past the queue to catch it.
 */
export const ALT_FAULTS = {
  'queues-forged': 'acknowledges and applies callbacks without checking their signature or timestamp',
  'queues-duplicates': 'the worker applies a redelivered callback again',
  'queues-older-state': 'the worker applies callbacks in arrival order, so an older pending state wins',
} as const;
export type AltFault = keyof typeof ALT_FAULTS;

export interface AltHandlerOptions {
  /** Lesspay appSecret; without it the /lesspay routes answer 404. */
  lesspaySecret?: string;
  /** Payloco webhook secret; without it /payloco/events answers 404. */
  paylocoSecret?: string;
  /** Where the journal lives (kept across restarts). */
  storeDir: string;
  /** How long the worker takes per callback, after the acknowledgement. */
  workDelayMs?: number;
  /** Payloco: how old an x-timestamp may be. */
  replayWindowMs?: number;
  fault?: AltFault;
  host?: string;
  port?: number;
}

export interface RunningAltHandler {
  /** Lesspay pay-in notify_url. */
  lesspayUrl: string;
  /** Lesspay payout notify_url. */
  lesspayPayoutUrl: string;
  /** Payloco webhook notification URL. */
  paylocoUrl: string;
  /** --order-status-url template: GET, {ref, status, processed, …} or 404. */
  orderStatusUrl: string;
  /** --order-setup-url: POST {gateway, id, amount, currency} creates an order (a test-only route). */
  orderSetupUrl: string;
  /** Resolves once every acknowledged callback has been applied. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const TEN_MINUTES = 10 * 60_000;
const FUTURE_SKEW_MS = 60_000;
const MAX_BODY = 256 * 1024;

type Refusal = { status: number; type: string; body: string };
type Json = Record<string, unknown>;

function objectOf(raw: Buffer): Json | undefined {
  try {
    const value = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function readRaw(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_BODY ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

const lesspayRefusal = (status: number, msg: string): Refusal => ({
  status,
  type: 'application/json',
  body: JSON.stringify({ code: 1, msg }),
});
const paylocoRefusal = (status: number, message: string): Refusal => ({
  status,
  type: 'text/plain; charset=utf-8',
  body: message,
});

export async function startAltHandler(opts: AltHandlerOptions): Promise<RunningAltHandler> {
  const journal = new Journal(opts.storeDir);
  const { fault } = opts;
  const orders = new OrderTable({
    dedupe: fault !== 'queues-duplicates',
    ordered: fault !== 'queues-older-state',
  });
  const verifies = fault !== 'queues-forged';
  const queue: { seq: number; job: Job }[] = [];
  const waiting: (() => void)[] = [];
  let working = false;
  const replayWindow = opts.replayWindowMs ?? TEN_MINUTES;
  const workDelay = opts.workDelayMs ?? 20;

  for (const entry of journal.replay()) {
    if ('order' in entry) orders.create(entry.order);
    else if (entry.done) orders.apply(entry.job);
    else queue.push(entry);
  }

  async function work(): Promise<void> {
    if (working) return;
    working = true;
    while (queue.length > 0) {
      await new Promise((r) => setTimeout(r, workDelay));
      const next = queue.shift()!;
      orders.apply(next.job);
      journal.markDone(next.seq);
    }
    working = false;
    for (const resolve of waiting.splice(0)) resolve();
  }

  function enqueue(job: Job): void {
    queue.push({ seq: journal.receive(job), job });
    void work();
  }

  function lesspay(req: IncomingMessage, raw: Buffer, kind: 'pay' | 'payout'): Refusal | Job {
    const secret = opts.lesspaySecret!;
    const body = objectOf(raw);
    if (!body) return lesspayRefusal(400, 'body is not a JSON object');
    const signature = headerOf(req, 'X-Auth-Signature');
    if (verifies && !lesspayVerified(body, signature, secret, kind === 'pay' ? 'by-version' : 'whole'))
      return lesspayRefusal(403, 'signature mismatch');
    const ref = body.request_id;
    const status = body.order_status;
    if (typeof ref !== 'string' || !ref || typeof status !== 'string')
      return lesspayRefusal(422, 'request_id and order_status are required');
    const code = typeof body.order_status_int === 'number' ? body.order_status_int : undefined;
    const known = orders.get(ref);
    if (known?.gateway !== 'lesspay') return lesspayRefusal(404, 'unknown order');
    // PAID (12) is "paid, but the amount is not equal" (§5.5): only that status may carry another amount.
    const amount = kind === 'pay' ? body.target_amount : body.total_amount;
    const currency = kind === 'pay' ? body.target_currency : body.currency;
    if ((amount !== known.amount && status !== 'PAID' && code !== 12) || currency !== known.currency)
      return lesspayRefusal(409, 'amount or currency differs from the order');
    return { gateway: 'lesspay', ref, status, code, receivedAt: Date.now() };
  }

  function payloco(req: IncomingMessage, raw: Buffer): Refusal | Job {
    if (verifies && !paylocoVerified(raw, headerOf(req, 'X-Signature'), opts.paylocoSecret!))
      return paylocoRefusal(403, 'invalid signature');
    const sentAt = Number(headerOf(req, 'X-Timestamp'));
    const age = Date.now() - sentAt;
    if (verifies && (!Number.isFinite(sentAt) || age > replayWindow || age < -FUTURE_SKEW_MS))
      return paylocoRefusal(400, 'x-timestamp outside the replay window');
    const event = objectOf(raw);
    if (!event) return paylocoRefusal(422, 'body is not a JSON object');
    const data = event.data as Json | undefined;
    const ref = data?.merchantOrderId;
    if (typeof event.id !== 'string' || typeof ref !== 'string' || typeof data?.status !== 'string')
      return paylocoRefusal(422, 'not a payment event');
    const known = orders.get(ref);
    if (known?.gateway !== 'payloco') return paylocoRefusal(404, 'unknown order');
    if (data.transAmt !== known.amount || data.currency !== known.currency)
      return paylocoRefusal(409, 'amount or currency differs from the order');
    const notifyTime = Date.parse(String(event.notifyTime ?? event.created_at ?? ''));
    return {
      gateway: 'payloco',
      ref,
      status: data.status,
      eventId: event.id,
      notifyTime: Number.isNaN(notifyTime) ? undefined : notifyTime,
      receivedAt: Date.now(),
    };
  }

  function acknowledge(res: ServerResponse, route: string): void {
    if (route === '/lesspay/pay')
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('SUCCESS');
    else if (route === '/lesspay/payout')
      // The payout demo: "Return "SUCCESS" or {"code": 0}".
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"code":0}');
    else
      res
        .writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' })
        .end('{"message":"Success","code":"00000000","data":null}');
  }

  async function callback(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const raw = await readRaw(req);
    if (!raw) {
      res.writeHead(413).end();
      return;
    }
    const outcome =
      route === '/payloco/events'
        ? payloco(req, raw)
        : lesspay(req, raw, route === '/lesspay/pay' ? 'pay' : 'payout');
    if ('gateway' in outcome) {
      enqueue(outcome);
      acknowledge(res, route);
    } else res.writeHead(outcome.status, { 'Content-Type': outcome.type }).end(outcome.body);
  }

  async function createOrder(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRaw(req);
    const body = raw && objectOf(raw);
    const { gateway, id, amount, currency } = body ?? {};
    if (
      (gateway !== 'lesspay' && gateway !== 'payloco') ||
      typeof id !== 'string' ||
      typeof amount !== 'string' ||
      typeof currency !== 'string'
    ) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('need gateway, id, amount and currency');
      return;
    }
    const order: NewOrder = { gateway, ref: id, amount, currency };
    if (!orders.get(id)) {
      journal.createOrder(order);
      orders.create(order);
    }
    res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ref: id }));
  }

  function orderStatus(res: ServerResponse, ref: string | null): void {
    const row = ref ? orders.get(ref) : undefined;
    if (!row) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"no such order"}');
      return;
    }
    const { gateway, status, statusName, processed, amount, currency, updatedAt, history } = row;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(
      JSON.stringify({
        ref,
        gateway,
        status,
        status_name: statusName,
        processed,
        amount,
        currency,
        updated_at: updatedAt,
        history,
      }),
    );
  }

  const routes = new Set([
    ...(opts.lesspaySecret ? ['/lesspay/pay', '/lesspay/payout'] : []),
    ...(opts.paylocoSecret ? ['/payloco/events'] : []),
  ]);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://alt-handler');
    if (req.method === 'GET' && url.pathname === '/api/orders') orderStatus(res, url.searchParams.get('ref'));
    else if (req.method === 'POST' && url.pathname === '/api/test-orders')
      createOrder(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    else if (req.method === 'POST' && routes.has(url.pathname))
      callback(req, res, url.pathname).catch(() => {
        if (!res.headersSent) res.writeHead(503, { 'Retry-After': '5' }).end();
      });
    else res.writeHead(url.pathname === '/api/orders' || routes.has(url.pathname) ? 405 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  void work(); // jobs acknowledged before a restart
  return {
    lesspayUrl: `${base}/lesspay/pay`,
    lesspayPayoutUrl: `${base}/lesspay/payout`,
    paylocoUrl: `${base}/payloco/events`,
    orderStatusUrl: `${base}/api/orders?ref={merchantOrderId}`,
    orderSetupUrl: `${base}/api/test-orders`,
    idle: () =>
      working || queue.length > 0 ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(),
    // Stops taking callbacks, then lets the worker apply what was already acknowledged.
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (working || queue.length > 0) await new Promise<void>((resolve) => waiting.push(resolve));
    },
  };
}
