import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { ClientTransportError } from '../clients/transport.js';
import { codeExt } from '../core/paths.js';
import type { Exchange, Gateway } from '../core/results.js';
import {
  type Credentials,
  type PactProvider,
  type PactProviderContext,
  pactStatesModule,
} from '../gateways/index.js';

// The provider side of the contracts, for any target:
// - state handlers set each provider state up through the target's PUBLIC API (the same client an integrator uses)
//   and return the ids the contracts inject with fromProviderState; fresh ids every time, so a contract can be
//   replayed against the same sandbox again and again. Each gateway's states are its own module (its model's
//   `locations.pact`, e.g. suites/provider/<gateway>.states.ts); this file logs their failures;
// - the request filter re-signs every replayed request for the target's credentials and forwards it. Body rewrites
//   (a contract's placeholder, a fresh request time) happen first and the signature is computed last, over the
//   exact bytes forward() sends (the parsed body serialised once with JSON.stringify).

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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The state handlers and request filter of one gateway's contracts, its provider module loaded (see the model). */
export async function providerSetup(
  gateway: Gateway,
  baseUrl: string,
  credentials: Credentials,
  timeoutMs: number,
) {
  const stateErrors: StateLog[] = [];
  const exchanges: ExchangeLog[] = [];
  const module = pactStatesModule(gateway);
  if (!module) throw new Error(`gateway ${gateway} has no pact provider states`);
  const make: (ctx: PactProviderContext) => PactProvider = (
    await import(pathToFileURL(`${module}${codeExt}`).href)
  ).provider;
  const provider = make({ baseUrl, credentials, timeoutMs, freshId });

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

  const stateHandlers: Record<string, StateHandler> = Object.fromEntries(
    Object.entries(provider.states).map(([state, { setup, teardown }]) => [
      state,
      { setup: guard(state, (p) => setup(p)), ...(teardown ? { teardown } : {}) },
    ]),
  );
  const resign = (req: IncomingMessage & { body?: unknown }) => provider.resign(req.body, req.headers);

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
