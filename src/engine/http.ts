import { createRequire } from 'node:module';
import type * as Undici from 'undici';

// Fast start: undici's entry module also loads fetch, WebSocket, caches and mocks (110 modules, which in turn wake
// Node's own bundled undici), about 40 ms of every run. The harness needs only the keep-alive Agent, the request
// API and the error classes, so it loads those three parts; undici's entry module wires the API the same way.
// These paths are undici internals: package.json pins undici to patch releases (~7.30), and the tests load them.
const load = createRequire(import.meta.url);
const Agent = load('undici/lib/dispatcher/agent') as typeof Undici.Agent;
const errors = load('undici/lib/core/errors') as typeof Undici.errors;
Object.assign(
  (load('undici/lib/dispatcher/dispatcher') as typeof Undici.Dispatcher).prototype,
  load('undici/lib/api'),
);

import { noteExchange } from '../webhooks/waits.js';

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

// One keep-alive agent for the process; redirects are never followed (undici.request does not follow them).
let agent: Undici.Agent | undefined;
function dispatcher(): Undici.Agent {
  agent ??= new Agent({ keepAliveTimeout: 4_000, connections: 64, pipelining: 1 });
  return agent;
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
  if (
    e.name === 'TimeoutError' ||
    e.name === 'AbortError' ||
    err instanceof errors.HeadersTimeoutError ||
    err instanceof errors.BodyTimeoutError
  ) {
    return new TransportError('timeout', `no complete response within ${limits.timeoutMs} ms`);
  }
  if (e.code === 'ECONNREFUSED') return new TransportError('connection', 'connection refused');
  if (e.code === 'ECONNRESET' || err instanceof errors.SocketError) {
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

/** Sends one request with a hard deadline and a cap on the response body. */
export async function send(req: HttpRequest, limits: HttpLimits): Promise<HttpResponse> {
  recorder?.(req);
  noteExchange();
  const started = performance.now();
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const url = new URL(req.url);
    const res = await dispatcher().request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: req.method as 'POST',
      headers: req.headers,
      body: req.body,
      signal,
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > limits.maxBodyBytes) {
        res.body.destroy();
        throw new TransportError('too-large', `response body exceeds the ${limits.maxBodyBytes}-byte cap`);
      }
      chunks.push(chunk);
    }
    noteExchange();
    const { text, invalidUtf8 } = decode(Buffer.concat(chunks));
    return {
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      text,
      invalidUtf8,
      ...parseJson(text),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    throw describeError(err, limits);
  }
}

/** Drops kept-alive sockets so the process can exit; a later send() opens a new agent. */
export async function closeHttp(): Promise<void> {
  const current = agent;
  agent = undefined;
  await current?.destroy();
}
