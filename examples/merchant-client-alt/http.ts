import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// The transport of the second example client: node:http / node:https with kept-alive connections, a deadline on
// every exchange, and its own retry policy (exponential backoff with jitter, at most three attempts, Retry-After
// honoured). Nothing here is shared with examples/merchant-client/client.ts, which uses fetch.

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The exact bytes of the answer, as text (a signed answer is verified over these). */
  text: string;
  json?: unknown;
  /** How many times the request was sent to get this answer (1: no resend). */
  attempts: number;
  /** How many of those sends got no answer within the deadline (the request may have been handled unseen). */
  unanswered?: number;
}

/** What one attempt sends: built afresh per attempt, so a retry may renew a timestamp and its signature. */
export interface Outgoing {
  body: string;
  headers: Record<string, string>;
  /** Send the body chunked (no Content-Length), cut in two at a byte that may fall inside a UTF-8 character. */
  chunked?: boolean;
}

const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 4 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 4 }),
};

/** Closes the kept-alive connections, so the process can end. */
export function closeConnections(): void {
  agents.http.destroy();
  agents.https.destroy();
}

/** The deadline of every exchange: this client's own setting, ALT_CLIENT_TIMEOUT_MS (ms), 15 s unless it says. */
function deadlineMs(value = process.env.ALT_CLIENT_TIMEOUT_MS): number {
  if (value === undefined || value === '') return 15_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new Error(`ALT_CLIENT_TIMEOUT_MS is not a number of ms: ${value}`);
  return ms;
}

/** No answer came within the deadline: the request may or may not have been handled. */
export class NoAnswer extends Error {
  override name = 'NoAnswer';
}

export function send(url: URL, out: Outgoing): Promise<Answer> {
  const timeoutMs = deadlineMs();
  const tls = url.protocol === 'https:';
  const body = Buffer.from(out.body, 'utf8');
  const headers = out.chunked
    ? { ...out.headers }
    : { ...out.headers, 'Content-Length': String(body.length) };
  return new Promise((resolve, reject) => {
    const req = (tls ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers, agent: tls ? agents.https : agents.http, timeout: timeoutMs },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, attempts: 1 });
        });
      },
    );
    const giveUp = () => req.destroy(new NoAnswer(`${url.pathname}: no answer within ${timeoutMs} ms`));
    const deadline = setTimeout(giveUp, timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', giveUp);
    req.on('error', reject);
    if (!out.chunked) return void req.end(body);
    const cut = Math.floor(body.length / 2);
    req.write(body.subarray(0, cut));
    req.end(body.subarray(cut));
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const ATTEMPTS = 3;
const FIRST_DELAY_MS = 300;
const MAX_DELAY_MS = 10_000;

/**
 * Sends, and after a 5xx (or no answer at all) sends again: the order may or may not exist, so the retry carries the
 * same order id. Waits 300 ms, then 600 ms, each plus up to 50 % jitter; never less than a Retry-After asks for.
 * With `noAnswer: 'throw'`, a request that got no answer is not resent: the caller finds out by other means (a query
 * by the order's id) whether it went through, and the NoAnswer is thrown at once.
 */
export async function sendWithRetry(
  url: URL,
  build: () => Outgoing,
  opts: { noAnswer?: 'resend' | 'throw' } = {},
): Promise<Answer> {
  let last: Answer | Error | undefined;
  let unanswered = 0;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) {
      const backoff = FIRST_DELAY_MS * 2 ** (attempt - 2) * (1 + Math.random() / 2);
      const asked = last instanceof Error ? undefined : retryAfterMs(last?.headers['retry-after']);
      // A little over the asked delay: the server times the wait from its own clock.
      const wait = Math.min(MAX_DELAY_MS, Math.max(backoff, asked === undefined ? 0 : asked + 50));
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      last = { ...(await send(url, build())), attempts: attempt, unanswered };
    } catch (err) {
      if (err instanceof NoAnswer && opts.noAnswer === 'throw') throw err;
      if (err instanceof NoAnswer) unanswered++;
      last = err as Error;
      continue;
    }
    if (last.status < 500) return last;
  }
  if (last instanceof Error) throw last;
  return last!;
}
