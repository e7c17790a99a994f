import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ScenarioAnswer } from '../gateways/model.js';

// A thin recording front: it forwards every request unchanged to the upstream (the bundled mock, or a sandbox) and
// keeps the raw bytes of both sides, so the client checks judge what the client really sent. `paycert audit` puts it
// before the mock, `paycert proxy` before a sandbox. Redirects are passed back to the client, never followed.

export interface Recorded {
  seq: number;
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** When the request arrived (ms since the epoch): the scenario checks time a client's retry with it. */
  receivedAt: number;
  /** Name of the scenario whose answer replaced the upstream's for this request (`paycert audit --scenario`). */
  injected?: string;
  /** A held request (scenario `when: 'hold'`) the client gave up on: how long it waited for the answer (ms). */
  abandonedAfterMs?: number;
  /** Set when the request could not be forwarded or answered (body over the cap, upstream timeout…). */
  error?: string;
  /** Whose side `error` is on: the client's request, or an upstream that did not answer. */
  errorKind?: 'request' | 'upstream';
  response?: { status: number; headers: Record<string, string>; body: Buffer; durationMs: number };
}

export interface RecorderOptions {
  upstream: string;
  host?: string;
  port?: number;
  /** Largest request or answer body kept and forwarded (bytes). */
  maxBody?: number;
  /** Deadline of one upstream exchange, and of reading a client's request. */
  timeoutMs?: number;
  onExchange?: (r: Recorded) => void;
  /** Called before forwarding: an answer it returns goes to the client instead of the upstream's (a scenario). */
  inject?: (r: Recorded) => Injected | undefined;
}

/** A scenario's answer as the recorder sends it (the answer's fields are the gateway model's, src/gateways/model.ts). */
export interface Injected extends ScenarioAnswer {
  scenario: string;
}

export interface Recorder {
  url: string;
  exchanges: Recorded[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

function flatHeaders(raw: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * Reads a body up to `max` bytes. Over the cap it stops reading: a client's request is only paused (the 413 answer
 * still goes out, with Connection: close), an upstream answer is destroyed.
 */
function readCapped(stream: IncomingMessage, max: number, destroyOver = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) return void parts.push(c);
      fail(new Error(`body over ${max} bytes`));
      if (destroyOver) stream.destroy();
      else stream.pause();
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(parts));
    });
    stream.on('error', fail);
    stream.on('aborted', () => fail(new Error('peer closed the connection mid-body')));
  });
}

// Connections to the upstream are reused: a new TCP (or TLS) handshake per request would dominate the overhead.
const agents = { http: new Agent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

function forward(
  upstream: URL,
  r: Recorded,
  timeoutMs: number,
  maxBody: number,
): Promise<NonNullable<Recorded['response']>> {
  const started = performance.now();
  const target = new URL(upstream.href.replace(/\/$/, '') + r.path);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
  headers['content-length'] = String(r.body.length);
  const tls = target.protocol === 'https:';
  const send = tls ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: r.method, headers, timeout: timeoutMs, agent: tls ? agents.https : agents.http },
      (res) => {
        readCapped(res, maxBody, true).then(
          (body) =>
            resolve({
              status: res.statusCode ?? 0,
              headers: flatHeaders(res.headers),
              body,
              durationMs: Math.round((performance.now() - started) * 1000) / 1000,
            }),
          reject,
        );
      },
    );
    // One deadline for the whole exchange, not only between packets: a trickling peer cannot hold it open.
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Waits until the client closes the connection (resolves with how long it waited) or `holdMs` passes (undefined). */
function heldUntilGivenUp(res: ServerResponse, since: number, holdMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const left = Math.max(0, holdMs - (Date.now() - since));
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(undefined);
    }, left);
    const onClose = () => {
      clearTimeout(timer);
      resolve(Date.now() - since);
    };
    res.once('close', onClose);
  });
}

export async function startRecorder(opts: RecorderOptions): Promise<Recorder> {
  const upstream = new URL(opts.upstream);
  const maxBody = opts.maxBody ?? 1_048_576;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const exchanges: Recorded[] = [];
  let seq = 0;
  const server: Server = createServer(async (req, res) => {
    const r: Recorded = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: flatHeaders(req.headers),
      body: Buffer.alloc(0),
      receivedAt: Date.now(),
    };
    exchanges.push(r);
    const fail = (status: number, message: string, kind: 'request' | 'upstream' = 'request') => {
      r.error = message;
      r.errorKind = kind;
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
      res.end(`paycert: ${message}\n`);
      opts.onExchange?.(r);
    };
    try {
      r.body = await readCapped(req, maxBody);
    } catch (err) {
      return fail(413, `request ${(err as Error).message}`);
    }
    const injected = opts.inject?.(r);
    const when = injected?.when ?? 'instead';
    try {
      if (!injected || when !== 'instead') r.response = await forward(upstream, r, timeoutMs, maxBody);
    } catch (err) {
      return fail(502, `upstream: ${(err as Error).message}`, 'upstream');
    }
    if (injected) {
      r.injected = injected.scenario;
      if (when === 'hold') {
        const waited = await heldUntilGivenUp(res, r.receivedAt, injected.holdMs ?? timeoutMs);
        if (waited !== undefined) {
          // The client closed the connection: it never got an answer, so none is recorded.
          r.abandonedAfterMs = waited;
          delete r.response;
          opts.onExchange?.(r);
          return;
        }
      }
      const body = Buffer.from(injected.body, 'utf8');
      const upstreamMs = r.response?.durationMs ?? 0;
      r.response = {
        status: injected.status,
        headers: { ...injected.headers },
        body,
        durationMs: upstreamMs,
      };
    }
    if (!r.response) return fail(502, 'upstream: no answer', 'upstream');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.response.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    headers['content-length'] = String(r.response.body.length);
    res.writeHead(r.response.status, headers);
    res.end(r.response.body);
    opts.onExchange?.(r);
  });
  server.requestTimeout = timeoutMs;
  server.headersTimeout = Math.min(timeoutMs, 60_000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
