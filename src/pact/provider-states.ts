import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LesspayClient } from '../clients/lesspay.js';
import { PaylocoClient, requestTime } from '../clients/payloco.js';
import type { Credentials, LesspayCredentials, PaylocoCredentials } from '../gateways/index.js';
import type { Exchange, Gateway } from '../results.js';
import { lesspaySign } from '../signing/lesspay.js';
import { loadPrivateKey, paylocoSign } from '../signing/payloco.js';
import { CONTRACT_PAYLOCO_MERCHANT_ID, LESSPAY_STATES, PAYLOCO_STATES } from './contract.js';

// The provider side of the contracts, for any target:
// - state handlers set each provider state up through the target's PUBLIC API (the same client an integrator uses)
//   and return the ids the contracts inject with fromProviderState; fresh ids every time, so a contract can be
//   replayed against the same sandbox again and again;
// - the request filter re-signs every replayed request for the target's credentials. Body rewrites (the Payloco
//   merchantId placeholder, a fresh requestTime) happen first and the signature is computed last, over the exact
//   bytes the verifier's proxy forwards (it re-serialises the parsed body with JSON.stringify).

export interface StateLog {
  state: string;
  error: string;
}

export interface ExchangeLog {
  exchange: Exchange;
}

type Params = Record<string, unknown> | undefined;
type StateHandler = { setup?: (p?: any) => Promise<any>; teardown?: (p?: any) => Promise<any> };

/** Paths of the verifier's own proxy: state setup and message transport, never forwarded to the target. */
const PROXY_PATHS = new Set(['/_pactSetup', '/_messages']);

let seq = 0;
/** Unique and at most 20 characters (Lesspay request_id, L7). */
export function freshId(prefix: string): string {
  seq = (seq + 1) % 1296;
  return `${prefix}${Date.now().toString(36)}${seq.toString(36).padStart(2, '0')}${randomBytes(2).toString('hex')}`.slice(0, 20);
}

const LESSPAY_ORDER = {
  product_name: 'paycert contract',
  description: 'Order set up by paycert verify',
  target_currency: 'USD',
  transaction_type: 'PAY_IN' as const,
  success_url: 'https://merchant.example/success',
  fail_url: 'https://merchant.example/fail',
  api_version: 'V2' as const,
  pay_access_type: 1 as const,
};

const LESSPAY_PAYOUT = {
  currency: 'PHP',
  way_type: 'BANK_TRANSFER',
  beneficiary: {
    beneficiary_type: 'individual',
    beneficiary_info: { name: 'Juan Dela Cruz', email: 'juan@example.com', address: { country: 'PH', city: 'Manila' } },
    destination: { type: 'bank', bank: { account_number: '1234567890', bank_name: 'BDO', country: 'PH' } },
  },
};

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function providerSetup(gateway: Gateway, baseUrl: string, credentials: Credentials, timeoutMs: number) {
  const stateErrors: StateLog[] = [];
  const exchanges: ExchangeLog[] = [];
  /** Set by the wrong-secret state: the next replayed request is signed with a secret the target does not know. */
  let signWrongOnce = false;

  const guard =
    (state: string, fn: (p: Params) => Promise<Record<string, unknown> | undefined>) =>
    async (params?: Params) => {
      try {
        return await fn(params);
      } catch (err) {
        stateErrors.push({ state, error: (err as Error).message });
        throw err;
      }
    };

  let stateHandlers: Record<string, StateHandler>;
  let resign: (req: IncomingMessage & { body?: unknown }) => void;

  if (gateway === 'lesspay') {
    const creds = credentials as LesspayCredentials;
    const client = new LesspayClient({ baseUrl, credentials: creds, timeoutMs });
    stateHandlers = {
      [LESSPAY_STATES.unusedRequestId]: {
        setup: guard(LESSPAY_STATES.unusedRequestId, async () => ({ request_id: freshId('PCU') })),
      },
      [LESSPAY_STATES.orderExists]: {
        setup: guard(LESSPAY_STATES.orderExists, async (p) => {
          const amount = text(p?.amount, '100.50');
          const requestId = freshId('PCO');
          const before = Date.now();
          const created = await client.createPayin({ ...LESSPAY_ORDER, request_id: requestId, target_amount: amount });
          // A window around the creation time (L8: the window may filter by creation time).
          return {
            request_id: requestId,
            pay_order_id: created.pay_order_id,
            amount,
            start_time: String(before - 60_000),
            end_time: String(Date.now() + 60_000),
          };
        }),
      },
      [LESSPAY_STATES.payoutExists]: {
        setup: guard(LESSPAY_STATES.payoutExists, async (p) => {
          const requestId = freshId('PCP');
          const data = await client.createPayout({ ...LESSPAY_PAYOUT, request_id: requestId, amount: text(p?.amount, '100.50') });
          return { request_id: requestId, pay_order_id: data.pay_order_id };
        }),
      },
      [LESSPAY_STATES.wrongSecret]: {
        setup: guard(LESSPAY_STATES.wrongSecret, async () => {
          signWrongOnce = true;
          return undefined;
        }),
        teardown: async () => {
          signWrongOnce = false;
          return undefined;
        },
      },
    };
    resign = (req) => {
      const body = isObject(req.body) ? req.body : {};
      const secret = signWrongOnce ? `${creds.appSecret}-paycert-wrong` : creds.appSecret;
      signWrongOnce = false;
      req.headers['x-auth-appid'] = creds.appId;
      req.headers['x-auth-timestamp'] = String(Date.now());
      req.headers['x-auth-signature'] = lesspaySign(body, secret);
    };
  } else {
    const creds = credentials as PaylocoCredentials;
    const key = loadPrivateKey(creds.privateKeyPem);
    // State setup verifies nothing about the target's responses beyond what the client needs.
    const client = new PaylocoClient({
      baseUrl,
      credentials: { merchantId: creds.merchantId, privateKeyPem: creds.privateKeyPem },
      timeoutMs,
    });
    stateHandlers = {
      [PAYLOCO_STATES.unusedMerchantOrderId]: {
        setup: guard(PAYLOCO_STATES.unusedMerchantOrderId, async () => ({ merchantOrderId: freshId('PCU') })),
      },
      [PAYLOCO_STATES.orderExists]: {
        setup: guard(PAYLOCO_STATES.orderExists, async () => {
          const merchantOrderId = freshId('PCO');
          const paid = await client.pay({
            merchantOrderId,
            transAmt: '20.01',
            currency: 'USD',
            transChannel: 'WEIXIN',
            goodsName: 'paycert contract',
            payMode: 'QRCODE',
          });
          let orderId = paid.data.orderId;
          if (typeof orderId !== 'string') orderId = (await client.query({ merchantOrderId })).data.orderId;
          return { merchantOrderId, orderId };
        }),
      },
    };
    resign = (req) => {
      if (!isObject(req.body)) return;
      const body = req.body;
      // Only the placeholder is replaced: a contract that names another merchant on purpose keeps it.
      if (body.merchantId === CONTRACT_PAYLOCO_MERCHANT_ID) body.merchantId = creds.merchantId;
      if (typeof body.requestTime === 'string') body.requestTime = requestTime(new Date());
      const raw = JSON.stringify(body);
      req.headers.signature = paylocoSign(raw, key);
      req.headers['content-length'] = String(Buffer.byteLength(raw));
    };
  }

  const requestFilter = (req: IncomingMessage & { body?: unknown; path?: string }, res: ServerResponse, next: () => void) => {
    const path = req.path ?? (req.url ?? '').split('?')[0]!;
    if (PROXY_PATHS.has(path)) return next();
    resign(req);
    // The proxy forwards JSON.stringify(req.body): the length must describe those bytes, whatever pact sent.
    if (isObject(req.body)) req.headers['content-length'] = String(Buffer.byteLength(JSON.stringify(req.body)));
    capture(req, res, baseUrl, exchanges);
    next();
  };

  return { stateHandlers, requestFilter, stateErrors, exchanges };
}

const MAX_EVIDENCE = 8192;

/** Records the forwarded request and the target's answer as report evidence. */
function capture(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  baseUrl: string,
  log: ExchangeLog[],
): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const entry: ExchangeLog = {
    exchange: {
      request: {
        method: req.method ?? 'POST',
        url: `${baseUrl.replace(/\/+$/, '')}${req.url ?? ''}`,
        headers,
        body: isObject(req.body) ? JSON.stringify(req.body) : null,
      },
    },
  };
  log.push(entry);
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...a: any[]) => boolean;
  const end = res.end.bind(res) as (...a: any[]) => ServerResponse;
  const started = Date.now();
  (res as any).write = (chunk: any, ...rest: any[]) => {
    if (chunk) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return write(chunk, ...rest);
  };
  (res as any).end = (chunk: any, ...rest: any[]) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const body = Buffer.concat(chunks).toString('utf8');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.getHeaders())) if (v !== undefined) out[k] = String(v);
    entry.exchange.response = {
      status: res.statusCode,
      headers: out,
      body: body.length > MAX_EVIDENCE ? body.slice(0, MAX_EVIDENCE) : body,
      truncated: body.length > MAX_EVIDENCE,
      durationMs: Date.now() - started,
    };
    return end(chunk, ...rest);
  };
}
