import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../core/results.js';
import { gatewayModel } from '../gateways/index.js';

// The gateway-side webhook receiver of a run (profile L11, P10): it records every delivery and answers as the
// URL path asks, so a probe can see the first callback, then a retry after a refusal.

/** How the receiver answers deliveries to an endpoint. */
export const POLICIES = ['ack', 'nack-once', 'nack-200-once', 'nack'] as const;
export type Policy = (typeof POLICIES)[number];

/** Whose acknowledgement the receiver speaks: a gateway's (its model's webhook answers). */
export type AckStyle = Gateway;

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export interface Delivery {
  /** Arrival order at this receiver, from 1. */
  seq: number;
  token: string;
  policy: string;
  /** 1 for the first delivery to this endpoint, 2 for the next, … */
  attempt: number;
  method: string;
  /** The request path as received (a tunnel may add a prefix). */
  path: string;
  /** Header names lower-case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  answer: Answer;
}

export interface Endpoint {
  token: string;
  url: string;
}

export interface ReceiverOptions {
  host?: string;
  port?: number;
  /** Base URL the target must call (a tunnel or a public host); default: the listening address. */
  publicUrl?: string;
  maxBodyBytes?: number;
}

function webhookAnswers(style: AckStyle) {
  const answers = gatewayModel(style).webhookAnswers;
  if (!answers) throw new Error(`${style} documents no webhook acknowledgement`);
  return answers;
}

/** The documented acknowledgement (status 200 with the gateway's body) and its refusals. */
export function ackAnswer(style: AckStyle): Answer {
  return { status: 200, ...webhookAnswers(style).ack };
}

function refusal(style: AckStyle, status: number): Answer {
  return { status, ...webhookAnswers(style).refusal };
}

function answerFor(style: AckStyle, policy: Policy, attempt: number): Answer {
  switch (policy) {
    case 'ack':
      return ackAnswer(style);
    case 'nack':
      return refusal(style, 500);
    case 'nack-once':
      return attempt === 1 ? refusal(style, 500) : ackAnswer(style);
    case 'nack-200-once':
      return attempt === 1 ? refusal(style, 200) : ackAnswer(style);
  }
}

/** `HOST:PORT`, `[v6]:PORT` or `:PORT` (loopback). */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65_535) throw new Error(`expected HOST:PORT (e.g. 0.0.0.0:8089), got ${value}`);
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

/** True for names and addresses that stay on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

interface Registration {
  style: AckStyle;
  deliveries: Delivery[];
  waiters: Set<() => void>;
}

export class WebhookReceiver {
  /** Every request that reached the receiver, known endpoint or not. */
  readonly log: Delivery[] = [];
  private readonly endpoints = new Map<string, Registration>();
  private seq = 0;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    readonly listenUrl: string,
    readonly publicUrl: string,
    private readonly maxBodyBytes: number,
  ) {}

  static async start(opts: ReceiverOptions = {}): Promise<WebhookReceiver> {
    const server = createServer();
    const host = opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address() as AddressInfo;
    const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    const listenUrl = `http://${shown}:${addr.port}`;
    const receiver = new WebhookReceiver(
      server,
      listenUrl,
      (opts.publicUrl ?? listenUrl).replace(/\/+$/, ''),
      opts.maxBodyBytes ?? 1_048_576,
    );
    server.on('request', (req, res) => receiver.handle(req, res));
    return receiver;
  }

  /** A new endpoint: deliveries to its URL are answered per `policy` in the style of `style`. */
  endpoint(style: AckStyle, policy: Policy): Endpoint {
    if (!POLICIES.includes(policy)) throw new Error(`unknown webhook policy ${policy}`);
    const token = randomBytes(9).toString('hex');
    this.endpoints.set(token, { style, deliveries: [], waiters: new Set() });
    return { token, url: `${this.publicUrl}/${token}/${policy}` };
  }

  deliveries(token: string): Delivery[] {
    return [...(this.endpoints.get(token)?.deliveries ?? [])];
  }

  /**
   * Resolves with the endpoint's deliveries once `count` have arrived, or with those so far after `timeoutMs` or
   * when `until` settles, whichever comes first.
   */
  waitFor(
    token: string,
    opts: { count?: number; timeoutMs: number; until?: Promise<unknown> },
  ): Promise<Delivery[]> {
    const reg = this.endpoints.get(token);
    if (!reg) return Promise.reject(new Error(`no webhook endpoint ${token}`));
    const count = opts.count ?? 1;
    if (reg.deliveries.length >= count || this.closing) return Promise.resolve([...reg.deliveries]);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        reg.waiters.delete(check);
        resolve([...reg.deliveries]);
      };
      const check = () => {
        if (reg.deliveries.length >= count || this.closing) done();
      };
      const timer = setTimeout(done, opts.timeoutMs);
      reg.waiters.add(check);
      opts.until?.then(done, done);
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const reg of this.endpoints.values()) for (const w of [...reg.waiters]) w();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > this.maxBodyBytes) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://receiver').pathname;
      // The last two segments name the endpoint, so a tunnel that forwards a prefixed path still matches.
      const [token = '', policy = ''] = path.split('/').filter(Boolean).slice(-2);
      const reg = this.endpoints.get(token);
      const known = reg && (POLICIES as readonly string[]).includes(policy);
      const attempt = reg ? reg.deliveries.length + 1 : 1;
      let answer: Answer;
      if (!known)
        answer = { status: 404, contentType: 'text/plain; charset=utf-8', body: 'unknown webhook endpoint' };
      else if (tooLarge)
        answer = { status: 413, contentType: 'text/plain; charset=utf-8', body: 'body too large' };
      else answer = answerFor(reg.style, policy as Policy, attempt);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      const delivery: Delivery = {
        seq: ++this.seq,
        token,
        policy,
        attempt,
        method: req.method ?? 'GET',
        path,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
        answer,
      };
      this.log.push(delivery);
      res.writeHead(answer.status, {
        'Content-Type': answer.contentType,
        'Content-Length': Buffer.byteLength(answer.body),
      });
      res.end(answer.body);
      if (known) {
        reg.deliveries.push(delivery);
        for (const w of [...reg.waiters]) w();
      }
    });
  }
}
