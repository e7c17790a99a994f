import type { CheckDefinition } from '../core/check-definition.js';
import type { Recorded } from './recorder.js';

// What a client rule (suites/client/<gw>.rules.ts) sees of one recorded request, and what it returns. Rules are
// pure functions over the recorded traffic: they judge the request itself, never only the gateway's answer.

export interface ClientRequest {
  seq: number;
  method: string;
  /** Path without the query string, relative to the base URL the client was given. */
  path: string;
  query: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  raw: Buffer;
  /** The body as UTF-8 text, or undefined when the bytes are not UTF-8. */
  text?: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json?: unknown;
  /** Why the body could not be read as JSON (not UTF-8, not JSON, nested too deep). */
  bodyProblem?: string;
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** The scenario whose answer this request got instead of the gateway's (`paycert audit --scenario`). */
  injected?: string;
  status?: number;
  responseText?: string;
  /** The gateway's answer as a JSON object, decoded once here; undefined when it is not one. */
  answer?: Record<string, unknown>;
  /** The answer's Retry-After header, when it had one. */
  retryAfter?: string;
  /** The scenario held the answer and the client gave up after this many ms (it received no answer). */
  abandonedAfterMs?: number;
}

/** The credentials the run gave the client: the rules recompute signatures with them. */
export interface ClientCredentials {
  appId?: string;
  appSecret?: string;
  merchantId?: string;
  /** PEM of the merchant's public key (derived from the private key). */
  merchantPublicKeyPem?: string;
}

export interface ClientFinding {
  request: ClientRequest;
  message: string;
  expected?: unknown;
  received?: unknown;
  /** A corrected request (body, headers or both) that satisfies the rule. */
  corrected?: unknown;
}

export interface ClientVerdict {
  /** The requests the rule applies to; none means the rule is not applicable to this client's traffic. */
  judged: ClientRequest[];
  findings: ClientFinding[];
  /** Observations that do not fail the rule (an identical retry, say). */
  notes?: string[];
  /** Why the rule could not judge the requests it applies to (a credential it needs was not given). */
  cannotJudge?: string;
}

export interface ClientRule {
  id: string;
  judge(requests: readonly ClientRequest[], credentials: ClientCredentials): ClientVerdict;
}

/** A client rule with its definition (catalogue entry and killing faults) beside it: the one source of the check. */
export interface DefinedClientRule extends ClientRule {
  check: CheckDefinition;
}

export function clientRule(check: CheckDefinition, judge: ClientRule['judge']): DefinedClientRule {
  return { id: check.id, check, judge };
}

const MAX_DEPTH = 64;

function depthOver(v: unknown, limit: number): boolean {
  // Iterative: a 10 000-level body must not overflow the stack of the judge.
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > limit) return true;
    if (x !== null && typeof x === 'object') for (const c of Object.values(x)) stack.push([c, d + 1]);
  }
  return false;
}

/** The gateway's answer text as a JSON object, or undefined when it is not one. */
export function answerObject(text: string): Record<string, unknown> | undefined {
  try {
    const a: unknown = JSON.parse(text);
    return a !== null && typeof a === 'object' && !Array.isArray(a)
      ? (a as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes one recorded exchange into what the rules read; garbage becomes a `bodyProblem`, never a throw. */
export function clientRequest(r: Recorded): ClientRequest {
  const q = r.path.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  const out: ClientRequest = {
    seq: r.seq,
    method: r.method,
    path: q < 0 ? r.path : r.path.slice(0, q),
    query: q < 0 ? '' : r.path.slice(q + 1),
    headers,
    raw: r.body,
    at: r.receivedAt,
    ...(r.injected ? { injected: r.injected } : {}),
    ...(r.abandonedAfterMs !== undefined ? { abandonedAfterMs: r.abandonedAfterMs } : {}),
    ...(r.response ? { status: r.response.status } : {}),
    ...(r.response?.headers['retry-after'] ? { retryAfter: r.response.headers['retry-after'] } : {}),
  };
  if (r.response) {
    out.responseText = r.response.body.toString('utf8');
    out.answer = answerObject(out.responseText);
  }
  if (r.error) out.bodyProblem = r.error;
  try {
    out.text = new TextDecoder('utf-8', { fatal: true }).decode(r.body);
  } catch {
    out.bodyProblem ??= 'the body is not UTF-8';
    return out;
  }
  if (out.bodyProblem) return out;
  if (out.text.trim() === '') {
    out.bodyProblem = 'the body is empty';
    return out;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(out.text);
  } catch (err) {
    out.bodyProblem = `the body is not JSON (${(err as Error).message})`;
    return out;
  }
  if (depthOver(parsed, MAX_DEPTH)) out.bodyProblem = `the body nests deeper than ${MAX_DEPTH} levels`;
  else out.json = parsed;
  return out;
}

/** `METHOD /path` and the body as sent, for messages. */
export function requestLine(r: ClientRequest): string {
  return `#${r.seq} ${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`;
}
