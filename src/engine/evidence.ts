import { clip } from '../core/evidence.js';
import { REDACTED, redactText } from '../core/redact.js';
import type { Exchange } from '../core/results.js';
import { shellQuote } from '../core/shell.js';
import type { HttpResponse } from './http.js';

// An exchange as a check's evidence: secret headers masked, secrets in bodies redacted, bodies capped, and the
// request as a curl line the tester can paste.

export function redactHeaders(
  h: Record<string, string>,
  secret: ReadonlySet<string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(h).map(([k, v]) => [k, secret.has(k.toLowerCase()) ? REDACTED : redactText(v)]),
  );
}

/** A request as evidence, with no answer yet. `signer` replays a signature computed from the tester's environment. */
export function requestEvidence(
  req: { method: string; url: string; headers: Record<string, string>; body?: string },
  secret: ReadonlySet<string>,
  signer?: { header: string; shell: string },
): Exchange {
  const headers = redactHeaders(req.headers, secret);
  const body = req.body === undefined ? null : redactText(req.body);
  // A request signed as the docs say replays with its signature computed from the tester's environment, so the
  // line can be pasted; a deliberately wrong signature stays redacted (it is no use to recompute it).
  const signable = signer !== undefined && body === (req.body ?? null);
  const curl = [
    ...(signable ? [`SIG=$(${signer.shell}) &&`] : []),
    'curl -sS',
    `-X ${req.method}`,
    shellQuote(req.url),
    ...Object.entries(headers).map(([k, v]) =>
      signable && k.toLowerCase() === signer.header ? `-H "${k}: $SIG"` : `-H ${shellQuote(`${k}: ${v}`)}`,
    ),
    ...(body !== null ? [`--data-raw ${shellQuote(body)}`] : []),
  ].join(' ');
  return { request: { method: req.method, url: req.url, headers, ...clip(body) }, curl };
}

/** The answer as evidence: secret headers masked, secrets in the body redacted, the body capped. */
export function responseEvidence(res: HttpResponse, secret: ReadonlySet<string>): Exchange['response'] {
  return {
    status: res.status,
    headers: redactHeaders(res.headers, secret),
    ...clip(res.text === '' ? null : redactText(res.text)),
    durationMs: res.durationMs,
  };
}
