// Evidence as every runner keeps it: an exchange's body is capped, since the full body is never needed to judge,
// only to show.

const EVIDENCE_BODY_LIMIT = 16_384;

/** Caps a body kept as evidence. */
export function clip(text: string | undefined | null): { body: string | null; truncated?: boolean } {
  if (text === undefined || text === null) return { body: null };
  if (text.length <= EVIDENCE_BODY_LIMIT) return { body: text };
  return { body: `${text.slice(0, EVIDENCE_BODY_LIMIT)}…`, truncated: true };
}

/** How much of the evidence results.json keeps (--evidence): the schema's `evidence` member says which. */
export type EvidenceMode = 'full' | 'failures';

type Exchanges = {
  request: { method: string; url: string; headers?: unknown; body?: unknown };
  response?: { status: number; durationMs?: number; headers?: unknown; body?: unknown } | null;
  error?: string;
  curl?: string;
}[];

/** Whether a check keeps its exchanges in full by default: what a reader needs to act on (failed, errored, stale). */
export function keepsFullEvidence(c: { status: string; deviation?: { stale?: boolean } | null }): boolean {
  return c.status === 'failed' || c.status === 'error' || c.deviation?.stale === true;
}

/**
 * An exchange's summary: method, URL, status, duration and transport error, without headers, bodies or the replay
 * line. A passing check's bodies were 4.9 kB a check in results.json (issue 26); the file grows with failures now.
 */
export function summarizeExchanges<T extends Exchanges>(evidence: T): T {
  return evidence.map((x) => ({
    request: { method: x.request.method, url: x.request.url },
    ...(x.response === undefined
      ? {}
      : {
          response:
            x.response === null
              ? null
              : {
                  status: x.response.status,
                  ...(x.response.durationMs !== undefined ? { durationMs: x.response.durationMs } : {}),
                },
        }),
    ...(x.error !== undefined ? { error: x.error } : {}),
  })) as T;
}
