import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { noteExchange } from '../webhooks/waits.js';

// Node's own http and https modules, through their documented API only: they load with Node itself, so the harness's
// start-up pays for no HTTP library, and no release of a dependency can change how a request is sent.

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** Parsed body when it is JSON text, else undefined (see jsonError). */
  json: unknown;
  jsonError?: string;
  invalidUtf8: boolean;
  durationMs: number;
}

export type TransportErrorKind = 'timeout' | 'connection' | 'too-large' | 'budget' | 'other';

/** The target could not be talked to: a check that meets one reports `error`, never `failed`. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpLimits {
  /** Whole exchange, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Response bodies above this are cut off and the exchange fails. */
  maxBodyBytes: number;
}

// One keep-alive agent per scheme for the process; redirects are never followed (node:http does not follow them).
// `timeout` closes a socket idle in the pool after 4 s, as undici's keepAliveTimeout did; a request's own deadline
// is its AbortSignal.
const AGENT_OPTIONS = { keepAlive: true, keepAliveMsecs: 4_000, maxSockets: 64, timeout: 4_000 };
let agents: { http: HttpAgent; https: HttpsAgent } | undefined;
function agentsNow(): { http: HttpAgent; https: HttpsAgent } {
  agents ??= { http: new HttpAgent(AGENT_OPTIONS), https: new HttpsAgent(AGENT_OPTIONS) };
  return agents;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function describeError(err: unknown, limits: HttpLimits): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'ABORT_ERR') {
    return new TransportError('timeout', `no complete response within ${limits.timeoutMs} ms`);
  }
  if (e.code === 'ECONNREFUSED') return new TransportError('connection', 'connection refused');
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') {
    return new TransportError('connection', 'connection reset by the target');
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')
    return new TransportError('connection', 'host not found');
  return new TransportError('other', e.message ?? String(err));
}

function decode(buf: Buffer): { text: string; invalidUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(buf), invalidUtf8: true };
  }
}

function parseJson(text: string): { json: unknown; jsonError?: string } {
  if (text.trim() === '') return { json: undefined, jsonError: 'empty body' };
  try {
    return { json: JSON.parse(text) };
  } catch (err) {
    return { json: undefined, jsonError: `not JSON: ${(err as Error).message}` };
  }
}

let recorder: ((req: HttpRequest) => void) | undefined;

/** Sees every request exactly as sent, signatures included: for the benchmark's replay floor only. */
export function recordRequests(fn: ((req: HttpRequest) => void) | undefined): void {
  recorder = fn;
}

/** The response head, once it arrives; the request is aborted by `signal`. */
function exchange(req: HttpRequest, signal: AbortSignal): Promise<IncomingMessage> {
  const url = new URL(req.url);
  const https = url.protocol === 'https:';
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length'))
    headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const options = {
      method: req.method,
      headers,
      signal,
      agent: https ? agentsNow().https : agentsNow().http,
    };
    const outgoing = https ? httpsRequest(url, options, resolve) : httpRequest(url, options, resolve);
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Sends one request with a hard deadline and a cap on the response body. */
export async function send(req: HttpRequest, limits: HttpLimits): Promise<HttpResponse> {
  recorder?.(req);
  noteExchange();
  const started = performance.now();
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const res = await exchange(req, signal);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limits.maxBodyBytes) {
        res.destroy();
        throw new TransportError('too-large', `response body exceeds the ${limits.maxBodyBytes}-byte cap`);
      }
      chunks.push(chunk);
    }
    if (!res.complete) throw new TransportError('connection', 'connection reset by the target');
    noteExchange();
    const { text, invalidUtf8 } = decode(Buffer.concat(chunks));
    return {
      status: res.statusCode ?? 0,
      headers: flattenHeaders(res.headers),
      text,
      invalidUtf8,
      ...parseJson(text),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    // After the deadline the error is whatever the aborted socket said; the deadline is the reason.
    throw describeError(err instanceof TransportError || !signal.aborted ? err : signal.reason, limits);
  }
}

/** Drops kept-alive sockets so the process can exit; a later send() opens new agents. */
export async function closeHttp(): Promise<void> {
  const current = agents;
  agents = undefined;
  current?.http.destroy();
  current?.https.destroy();
}
