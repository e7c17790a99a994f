import { Agent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import { noteExchange } from './waits.js';

// Node's own HTTP client: undici (the harness's client until issue 26) cost every run ~40 ms of CPU to load its
// modules and compile its WebAssembly parser (measured: 53 ms against 11 ms for one request to a local server);
// node:http is part of Node's start-up snapshot. TLS (node:https) is loaded only for an https target.

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

/** Whether an error is the run's request budget running out (told by kind, not by its message). */
export function isBudgetSpent(err: unknown): boolean {
  const e = err as Partial<TransportError> | undefined;
  return e?.name === 'TransportError' && e.kind === 'budget';
}

export interface HttpLimits {
  /** Whole exchange, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Response bodies above this are cut off and the exchange fails. */
  maxBodyBytes: number;
}

// One keep-alive agent per scheme for the process; redirects are never followed (node:http does not follow them).
// An idle socket is dropped after 4 s, before a server's usual 5 s keep-alive ends it under a request.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 64, timeout: 4_000, scheduling: 'lifo' } as const;
let agent: Agent | undefined;
let tlsAgent: Https.Agent | undefined;
let https: typeof Https | undefined;

function flattenHeaders(raw: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function describeError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { name?: string; code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return new TransportError('connection', 'connection refused');
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'ERR_STREAM_PREMATURE_CLOSE') {
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

function exchange(req: HttpRequest, limits: HttpLimits): Promise<HttpResponse> {
  const url = new URL(req.url);
  const started = performance.now();
  const headers: Record<string, string> = { ...req.headers };
  // A string body goes with its length (node:http would otherwise send it chunked), unless the probe set one.
  if (req.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length'))
    headers['content-length'] = String(Buffer.byteLength(req.body));
  const secure = url.protocol === 'https:';
  if (secure) {
    https ??= createRequire(import.meta.url)('node:https') as typeof Https;
    tlsAgent ??= new https.Agent(AGENT_OPTIONS);
  } else agent ??= new Agent(AGENT_OPTIONS);
  const options: RequestOptions = {
    method: req.method,
    headers,
    agent: secure ? tlsAgent : agent,
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (err: unknown, res?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(describeError(err));
      else resolve(res!);
    };
    const request = (secure ? https!.request : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBodyBytes) {
          finish(
            new TransportError('too-large', `response body exceeds the ${limits.maxBodyBytes}-byte cap`),
          );
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err) => finish(err));
      res.on('close', () => {
        if (!res.complete) finish(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      });
      res.on('end', () => {
        if (!res.complete) return finish(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
        noteExchange();
        const { text, invalidUtf8 } = decode(Buffer.concat(chunks));
        finish(undefined, {
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          text,
          invalidUtf8,
          ...parseJson(text),
          durationMs: Math.round(performance.now() - started),
        });
      });
    });
    // The deadline covers the whole exchange: connecting, the headers and the last byte of the body.
    timer = setTimeout(() => {
      finish(new TransportError('timeout', `no complete response within ${limits.timeoutMs} ms`));
      request.destroy();
    }, limits.timeoutMs);
    request.on('error', (err) => finish(err));
    request.end(req.body);
  });
}

/** Sends one request with a hard deadline and a cap on the response body. */
export async function send(req: HttpRequest, limits: HttpLimits): Promise<HttpResponse> {
  recorder?.(req);
  noteExchange();
  try {
    return await exchange(req, limits);
  } catch (err) {
    throw describeError(err);
  }
}

/** Drops kept-alive sockets so the process can exit; a later send() opens new agents. */
export async function closeHttp(): Promise<void> {
  agent?.destroy();
  tlsAgent?.destroy();
  agent = undefined;
  tlsAgent = undefined;
}
