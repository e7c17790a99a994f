import { validate } from '../core/schema-registry.js';

// The one HTTP round trip both clients make: POST raw JSON text, bounded by a timeout, body read as text.

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ClientTransportOptions {
  baseUrl: string;
  timeoutMs?: number;
  /** Defaults to the global fetch; tests and integrators may pass their own. */
  fetch?: FetchLike;
}

export interface RawAnswer {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  text: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The target could not be reached or did not answer in time. */
export class ClientTransportError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'ClientTransportError';
  }
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export async function postText(
  opts: ClientTransportOptions,
  path: string,
  text: string,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  const url = joinUrl(opts.baseUrl, path);
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let res: Response;
  let body: string;
  try {
    // One signal covers headers and body: a target that stalls mid-body must not hang the caller.
    const signal = AbortSignal.timeout(timeoutMs);
    res = await doFetch(url, { method: 'POST', headers, body: text, signal });
    body = await res.text();
  } catch (err) {
    const e = err as Error;
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : e.message;
    throw new ClientTransportError(`POST ${url}: ${reason}`, url);
  }
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return { status: res.status, headers: out, text: body };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Validates with a schema of schemas/ when the registry knows it; `undefined` when it does not, so the caller
 * falls back to the invariants it checks in code.
 */
export function schemaProblems(schemaId: string, data: unknown): string[] | undefined {
  try {
    const { valid, problems } = validate(schemaId, data);
    return valid ? [] : problems.map((p) => p.message);
  } catch (err) {
    if ((err as Error)?.name === 'UnknownSchemaError') return undefined;
    throw err;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
