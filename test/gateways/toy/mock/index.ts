import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Toypay's reference mock (README.md beside the folder): two endpoints, two conformant variants and a fault per check. Like
// the shipped mocks it imports nothing from src/, and the harness talks to it over HTTP only.

const FAULTS = {
  'unsigned-accepted': {
    name: 'unsigned-accepted',
    reading: 'T2',
    level: 'MUST',
    description: 'accepts a request without a signature',
  },
  'latin1-signature': {
    name: 'latin1-signature',
    reading: 'T2',
    level: 'MUST',
    description: 'verifies the signature over the body read as Latin-1, so non-ASCII bodies are refused',
  },
  'text-plain-label': {
    name: 'text-plain-label',
    reading: 'T1',
    level: 'SHOULD',
    description: 'labels its JSON answers text/plain',
  },
  'orders-forgotten': {
    name: 'orders-forgotten',
    reading: 'T3',
    level: 'MUST',
    description: 'answers a created order but does not keep it',
  },
  'unknown-order-found': {
    name: 'unknown-order-found',
    reading: 'T3',
    level: 'MUST',
    description: 'answers a query of an order that does not exist with status "found"',
  },
} as const;

type Fault = keyof typeof FAULTS;

const CREDENTIALS = { apiKey: 'toy-test-key', secret: 'toy-test-secret' };

interface StartOptions {
  host?: string;
  port?: number;
  variant?: string;
  fault?: string;
}

function signatureOf(raw: string, secret: string): string {
  return createHmac('sha256', secret).update(raw).digest('hex');
}

function signed(req: IncomingMessage, bytes: Buffer, fault: Fault | undefined): boolean {
  const given = String(req.headers['x-toy-signature'] ?? '');
  const signedText = bytes.toString(fault === 'latin1-signature' ? 'latin1' : 'utf8');
  const want = signatureOf(signedText, CREDENTIALS.secret);
  return (
    req.headers['x-toy-key'] === CREDENTIALS.apiKey &&
    given.length === want.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(want))
  );
}

// Variant b differs in shape where T1 allows it: a charset on the media type and a member the docs do not list.
const LABELS: Record<string, string> = { a: 'application/json', b: 'application/json; charset=utf-8' };

function handler(variant: string, fault: Fault | undefined) {
  const orders = new Map<string, { order_id: string; amount: string }>();
  const answer = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
    res.writeHead(status, { 'content-type': fault === 'text-plain-label' ? 'text/plain' : LABELS[variant] });
    res.end(JSON.stringify(variant === 'b' ? { ...body, trace_id: 'toy-trace' } : body));
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString('utf8');
      if (req.method !== 'POST') return answer(res, 405, { status: 'error', message: 'method not allowed' });
      if (req.url !== '/toy/orders' && req.url !== '/toy/orders/query')
        return answer(res, 404, { status: 'error', message: 'no such endpoint' });
      if (!signed(req, bytes, fault) && fault !== 'unsigned-accepted')
        return answer(res, 401, { status: 'error', message: 'unauthenticated' });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return answer(res, 400, { status: 'error', message: 'not JSON' });
      }
      const id = String(body.order_id ?? '');
      if (req.url === '/toy/orders') {
        const order = { order_id: id, amount: String(body.amount ?? '') };
        if (fault !== 'orders-forgotten') orders.set(id, order);
        return answer(res, 200, { status: 'created', order });
      }
      const order = orders.get(id);
      if (order) return answer(res, 200, { status: 'found', order });
      if (fault === 'unknown-order-found') return answer(res, 200, { status: 'found', order: null });
      return answer(res, 200, { status: 'not-found' });
    });
  };
}

export const mock = {
  gateway: 'toy',
  faults: FAULTS,
  variants: ['a', 'b'] as const,
  async start(opts: StartOptions = {}) {
    if (opts.fault !== undefined && !(opts.fault in FAULTS)) throw new Error(`unknown fault ${opts.fault}`);
    const variant = opts.variant ?? 'a';
    if (!(variant in LABELS)) throw new Error(`unknown variant ${variant}`);
    const server = createServer(handler(variant, opts.fault as Fault | undefined));
    await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      credentials: { ...CREDENTIALS },
      clientCredentials: { ...CREDENTIALS },
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
};
