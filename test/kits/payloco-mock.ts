// Test helpers for the specs: a minimal signing client and a webhook receiver. Not used by the mock itself.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { RunningMock } from '../../mocks/payloco/index.js';
import { auditEnvelope } from './envelope-audit.js';

export const paths = {
  pay: '/v1/payments/open/api/pay',
  query: '/v1/payments/open/api/query',
  preAuthVoid: '/v1/payments/open/api/preAuthVoid',
  payV2: '/v2/payments/open/api/pay',
} as const;

type Json = Record<string, unknown>;

let counter = 0;
export const uniqueId = (prefix = 'T') => `${prefix}${Date.now()}${String(++counter).padStart(5, '0')}`;

export function common(mock: RunningMock, extra: Json = {}): Json {
  return {
    charset: 'UTF-8',
    version: '2.0.0',
    signType: 'RSA',
    memberId: '1000000000001',
    merchantId: mock.credentials.merchantId,
    requestTime: '2024-05-24T14:29:32.682+08:00',
    keyVersion: '1',
    ...extra,
  };
}

export function qrPayBody(mock: RunningMock, extra: Json = {}): Json {
  return common(mock, {
    transType: 'PAY',
    accessType: 's2s',
    transChannel: 'WEIXIN',
    currency: 'USD',
    transAmt: '20.01',
    goodsName: 'Iphone15',
    merchantOrderId: uniqueId('QR'),
    payMode: 'QRCODE',
    authCode: '133788758877188822',
    ...extra,
  });
}

export function micropayBody(mock: RunningMock, extra: Json = {}): Json {
  return qrPayBody(mock, { payMode: 'MICROPAY', merchantOrderId: uniqueId('MP'), ...extra });
}

export function queryBody(mock: RunningMock, extra: Json = {}): Json {
  return common(mock, { transType: 'PAY', accessType: 's2s', ...extra });
}

const privateKeys = new Map<string, ReturnType<typeof createPrivateKey>>();
export function signText(mock: RunningMock, text: string): string {
  const path = mock.credentials.privateKeyPath;
  if (!privateKeys.has(path)) privateKeys.set(path, createPrivateKey(readFileSync(path)));
  return sign('sha256', Buffer.from(text, 'utf8'), privateKeys.get(path)!).toString('base64');
}

export interface PostOptions {
  /** null sends no signature header; a string sends that value; default signs the body. */
  signature?: string | null;
  query?: string;
}

/** Mocks started with a fault break the envelope on purpose: their answers are not audited. */
const faulty = new WeakSet<RunningMock>();
export function markFaulty(mock: RunningMock): RunningMock {
  faulty.add(mock);
  return mock;
}

/** POSTs text or JSON, signed over the exact bytes sent; a conformant mock's JSON answer must match the envelope. */
export function post(mock: RunningMock, path: string, body: Json | string, options: PostOptions = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const test = request(mock.url)
    .post(options.query ? `${path}?${options.query}` : path)
    .set('Content-Type', 'application/json');
  const signature = options.signature === undefined ? signText(mock, text) : options.signature;
  if (signature !== null) test.set('signature', signature);
  return test.send(text).then((res) => {
    if (!faulty.has(mock) && String(res.headers['content-type'] ?? '').startsWith('application/json')) {
      auditEnvelope('payloco/envelope.schema.json', res.body, `POST ${path}`);
    }
    return res;
  });
}

export function responseSignatureVerifies(mock: RunningMock, res: { text: string; headers: Json }): boolean {
  const signature = res.headers.signature;
  if (typeof signature !== 'string') return false;
  const key = createPublicKey(readFileSync(mock.credentials.platformPublicKeyPath));
  return verify('sha256', Buffer.from(res.text, 'utf8'), key, Buffer.from(signature, 'base64'));
}

/** Pays or declines an active-QR order through its public scan page, as the customer would. */
export function scan(qrCode: string, outcome: 'pay' | 'decline') {
  return request(qrCode).post('').type('form').send({ outcome });
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  text: string;
  body: Json;
}

export type ReceiverReply = { status: number; body: string } | 'hang';

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  waitFor(count: number, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

export const ack = { status: 200, body: '{"code":"00000000","message":"Success"}' };

/** A merchant webhook endpoint answering delivery n with reply(n). */
export async function startReceiver(reply: (n: number) => ReceiverReply = () => ack): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ headers: req.headers, text, body: JSON.parse(text) as Json });
      for (const wake of waiters.splice(0)) wake();
      const answer = reply(deliveries.length);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    deliveries,
    async waitFor(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (deliveries.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} deliveries, got ${deliveries.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return deliveries;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
