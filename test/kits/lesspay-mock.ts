// Helpers for the mock's own specs: a signing client, request builders and a webhook receiver.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { type LesspayMockOptions, type RunningMock, startLesspayMock } from '../../mocks/lesspay/index.js';
import { isObject, parseJson } from '../../mocks/lesspay/json.js';
import { sign } from '../../mocks/lesspay/sign.js';
import { V1_UNSIGNED_FIELDS } from '../../mocks/lesspay/webhooks.js';
import { auditEnvelope, lesspayEnvelopeFor } from './envelope-audit.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any;
}

export interface CallOptions {
  method?: string;
  /** 'good' (default), 'wrong', 'none'. */
  signature?: 'good' | 'wrong' | 'none';
  /** null leaves the header out. */
  appId?: string | null;
  headers?: Record<string, string>;
}

function tryJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class Client {
  /** `audit`: check every JSON answer against the envelope schemas (off for fault variants, which break them). */
  constructor(
    readonly mock: RunningMock,
    readonly audit = true,
  ) {}

  /** `body` is an object (sent as JSON) or the exact text to send. */
  async call(path: string, body: unknown = {}, opts: CallOptions = {}): Promise<Answer> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const parsed = (() => {
      try {
        return text.trim() === '' ? {} : parseJson(text);
      } catch {
        return undefined;
      }
    })();
    const signable = isObject(parsed) ? parsed : {};
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Auth-Timestamp': String(Date.now()),
      ...opts.headers,
    };
    const appId = opts.appId === undefined ? this.mock.credentials.appId : opts.appId;
    if (appId !== null) headers['x-auth-appid'] = appId;
    const mode = opts.signature ?? 'good';
    if (mode === 'good') headers['x-auth-signature'] = sign(signable, this.mock.credentials.appSecret);
    if (mode === 'wrong') headers['x-auth-signature'] = sign(signable, 'not-the-secret');
    const method = (opts.method ?? 'POST').toLowerCase() as 'post';
    let req = request(this.mock.url)[method](path).set(headers);
    if (method === 'post' || method === ('put' as string) || method === ('patch' as string))
      req = req.send(text);
    const res = await req.buffer(true).parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    });
    const resText = typeof res.body === 'string' ? res.body : (res.text ?? '');
    const json = tryJson(resText);
    const type = String(res.headers['content-type'] ?? '');
    if (this.audit && json !== undefined && type.startsWith('application/json')) {
      auditEnvelope(lesspayEnvelopeFor(path.split('?')[0]), json, `${method.toUpperCase()} ${path}`);
    }
    return {
      status: res.status,
      headers: res.headers as Record<string, string>,
      text: resText,
      json,
    };
  }
}

let seq = 0;
/** Unique, ≤ 20 characters. */
export function rid(prefix = 'R'): string {
  seq += 1;
  return `${prefix}${Date.now().toString(36)}${seq.toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(
    0,
    20,
  );
}

export function payinBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    request_id: rid(),
    product_name: 'Sandbox product',
    description: 'Order from the paycert mock tests',
    target_amount: '100.50',
    target_currency: 'USD',
    transaction_type: 'PAY_IN',
    success_url: 'https://merchant.example/success',
    fail_url: 'https://merchant.example/fail',
    api_version: 'V2',
    pay_access_type: 1,
    ...over,
  };
}

export function detail(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mch_order_id: rid('D'),
    amount: '100.00',
    bank_account_name: 'Juan Dela Cruz',
    bank_account_no: '1234567890',
    bank_account_type: 'individual',
    bank_name: 'BDO',
    bank_country_code: 'PH',
    destination_type: 'bank',
    ...over,
  };
}

export function batchBody(amounts: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  const details = amounts.map((amount) => detail({ amount }));
  const cents = amounts
    .reduce((s, a) => s + BigInt(a.replace('.', '')), 0n)
    .toString()
    .padStart(3, '0');
  return {
    request_id: rid('B'),
    currency: 'PHP',
    total_amount: `${cents.slice(0, -2)}.${cents.slice(-2)}`,
    way_type: 'BANK_TRANSFER',
    way_code: 'TAZAPAY_PAYOUT',
    notify_url: 'https://merchant.example/payout-notify',
    payout_order_details: details,
    ...over,
  };
}

export function singlePayoutBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    request_id: rid('S'),
    amount: '100.50',
    currency: 'PHP',
    way_type: 'BANK_TRANSFER',
    beneficiary: {
      beneficiary_type: 'individual',
      beneficiary_info: {
        name: 'Juan Dela Cruz',
        email: 'juan@example.com',
        address: { country: 'PH', city: 'Manila' },
      },
      destination: { type: 'bank', bank: { account_number: '1234567890', bank_name: 'BDO', country: 'PH' } },
    },
    ...over,
  };
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
  at: number;
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  waitFor(count: number, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

/** A merchant endpoint; `answer(n)` decides the reply to the n-th delivery (0-based). */
export async function startReceiver(
  answer: (n: number) => { status: number; body: string } = () => ({ status: 200, body: 'SUCCESS' }),
): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      const n = deliveries.length;
      deliveries.push({ headers: req.headers, text, json: tryJson(text), at: Date.now() });
      const a = answer(n);
      res.writeHead(a.status, { 'Content-Type': 'text/plain' });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    deliveries,
    async waitFor(count, timeoutMs = 3000) {
      const end = Date.now() + timeoutMs;
      while (deliveries.length < count && Date.now() < end) await sleep(10);
      return deliveries;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Verifies a callback the way a merchant does (L11), with this mock's own signer. */
export function webhookSignatureValid(d: Delivery, secret: string, kind: 'payin' | 'payout'): boolean {
  if (!isObject(d.json)) return false;
  const body = { ...(d.json as Record<string, unknown>) };
  const v = body.api_version;
  if (kind === 'payin' && (v === undefined || v === null || String(v).toLowerCase() === 'v1'))
    for (const f of V1_UNSIGNED_FIELDS) delete body[f];
  return d.headers['x-auth-signature'] === sign(body, secret);
}

/** Starts a mock with small webhook delays and closes it after `fn`. */
export async function withMock<T>(opts: LesspayMockOptions, fn: (c: Client) => Promise<T>): Promise<T> {
  const mock = await startLesspayMock({ webhookRetryDelaysMs: [30, 60], webhookTimeoutMs: 500, ...opts });
  try {
    return await fn(new Client(mock, !opts.fault));
  } finally {
    await mock.close();
  }
}

export const PATH = {
  createPayin: '/api/global/v1/pay/create-order',
  queryPayin: '/api/global/v1/pay/query-order',
  createPayout: '/api/global/payout/create-order',
  batchPayout: '/api/global/payout/batch/create-order',
  queryPayout: '/api/global/payout/query',
  banks: '/api/global/payout/bank',
  balance: '/api/global/payout/balance',
  triggerNotify: '/api/global/payout/triggerNotify',
} as const;

/** Create a pay-in and return [request body, data]. */
export async function createPayin(c: Client, over: Record<string, unknown> = {}) {
  const body = payinBody(over);
  const res = await c.call(PATH.createPayin, body);
  return { body, res, data: res.json?.data };
}

/** Pays or fails a cashier order through the hosted page, as a browser would. */
export async function checkout(c: Client, payOrderId: string, outcome: 'succeed' | 'fail') {
  return request(c.mock.url)
    .post(`/checkout/${payOrderId}`)
    .type('form')
    .send({ outcome })
    .redirects(0)
    .ok(() => true);
}
