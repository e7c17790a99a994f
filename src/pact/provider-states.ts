import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LesspayClient } from '../clients/lesspay.js';
import { PaylocoClient, requestTime } from '../clients/payloco.js';
import { ClientTransportError } from '../clients/transport.js';
import type { Exchange, Gateway } from '../core/results.js';
import type { Credentials, LesspayCredentials, PaylocoCredentials } from '../gateways/index.js';
import { lesspaySign } from '../signing/lesspay.js';
import { loadPrivateKey, paylocoSign } from '../signing/payloco.js';
import { CONTRACT_PAYLOCO_MERCHANT_ID, LESSPAY_STATES, PAYLOCO_STATES } from './contract.js';

// The provider side of the contracts, for any target:
// - state handlers set each provider state up through the target's PUBLIC API (the same client an integrator uses)
//   and return the ids the contracts inject with fromProviderState; fresh ids every time, so a contract can be
//   replayed against the same sandbox again and again;
// - the request filter re-signs every replayed request for the target's credentials and forwards it. Body rewrites
//   (the Payloco merchantId placeholder, a fresh requestTime) happen first and the signature is computed last, over
//   the exact bytes forward() sends (the parsed body serialised once with JSON.stringify).

export interface StateLog {
  state: string;
  error: string;
  /** The target could not be reached (an error), rather than refusing the setup (a finding). */
  transport: boolean;
  /** Requests replayed before this setup: the index of the interaction it was set up for. */
  before?: number;
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
  return `${prefix}${Date.now().toString(36)}${seq.toString(36).padStart(2, '0')}${randomBytes(2).toString('hex')}`.slice(
    0,
    20,
  );
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
    beneficiary_info: {
      name: 'Juan Dela Cruz',
      email: 'juan@example.com',
      address: { country: 'PH', city: 'Manila' },
    },
    destination: { type: 'bank', bank: { account_number: '1234567890', bank_name: 'BDO', country: 'PH' } },
  },
};

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function providerSetup(
  gateway: Gateway,
  baseUrl: string,
  credentials: Credentials,
  timeoutMs: number,
) {
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
        stateErrors.push({
          state,
          error: (err as Error).message,
          transport: err instanceof ClientTransportError,
        });
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
          const created = await client.createPayin({
            ...LESSPAY_ORDER,
            request_id: requestId,
            target_amount: amount,
          });
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
          const data = await client.createPayout({
            ...LESSPAY_PAYOUT,
            request_id: requestId,
            amount: text(p?.amount, '100.50'),
          });
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
      // forward() sends exactly JSON.stringify(req.body): these are the bytes signed.
      req.headers.signature = paylocoSign(JSON.stringify(body), key);
    };
  }

  // The filter forwards the re-signed request itself instead of handing it back to pact-js's http-proxy: that proxy
  // has no error handler (an unreachable target becomes an uncaught exception) and no timeout of its own.
  const requestFilter = (
    req: IncomingMessage & { body?: unknown; path?: string; originalUrl?: string },
    res: ServerResponse,
    next: () => void,
  ) => {
    const path = req.path ?? (req.url ?? '').split('?')[0]!;
    if (PROXY_PATHS.has(path)) return next();
    resign(req);
    forward(req, res, baseUrl, timeoutMs, exchanges).catch((err) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`paycert: ${(err as Error).message}`);
    });
  };

  return { stateHandlers, requestFilter, stateErrors, exchanges };
}

const MAX_EVIDENCE = 8192;
/** Hop-by-hop and recomputed headers: not forwarded. */
const SKIP_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'expect',
]);

/** Sends the replayed request to the target and writes its answer back to the verifier; logs both as evidence. */
async function forward(
  req: IncomingMessage & { body?: unknown; originalUrl?: string },
  res: ServerResponse,
  baseUrl: string,
  timeoutMs: number,
  log: ExchangeLog[],
): Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, '')}${req.originalUrl ?? req.url ?? ''}`;
  const method = req.method ?? 'POST';
  // What the target receives is exactly what was signed: the (rewritten) body serialised once, here.
  const body = isObject(req.body)
    ? JSON.stringify(req.body)
    : Buffer.isBuffer(req.body) && req.body.length > 0
      ? req.body.toString('utf8')
      : undefined;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === 'string' && !SKIP_HEADERS.has(k)) headers[k] = v;
  const entry: ExchangeLog = { exchange: { request: { method, url, headers, body: body ?? null } } };
  log.push(entry);
  const started = Date.now();
  let answer: Response;
  let text: string;
  try {
    answer = await fetch(url, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    text = await answer.text();
  } catch (err) {
    const e = err as Error;
    const reason =
      e.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : ((e.cause as Error)?.message ?? e.message);
    entry.exchange.error = reason;
    throw new Error(`${method} ${url}: ${reason}`);
  }
  const out: Record<string, string> = {};
  answer.headers.forEach((v, k) => {
    if (!SKIP_HEADERS.has(k) && k !== 'content-encoding') out[k] = v;
  });
  entry.exchange.response = {
    status: answer.status,
    headers: out,
    body: text.length > MAX_EVIDENCE ? text.slice(0, MAX_EVIDENCE) : text,
    truncated: text.length > MAX_EVIDENCE,
    durationMs: Date.now() - started,
  };
  res.writeHead(answer.status, out);
  res.end(text);
}
