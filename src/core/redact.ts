// Defence in depth: the harness redacts before it writes results.json, and every renderer redacts again,
// so a secret that slipped through once (a new header, an echo in an error body) still stays out of reports.

export const REDACTED = '[REDACTED]';

/** Header (and JSON field / query parameter) names whose values are secrets. Compared lower-case. */
export const SECRET_HEADERS: readonly string[] = [
  'x-auth-signature',
  'signature',
  'x-signature',
  'authorization',
  'proxy-authorization',
  'x-auth-appsecret',
  'cookie',
  'set-cookie',
];

const secretHeaderSet = new Set(SECRET_HEADERS);
const names = SECRET_HEADERS.map((n) => n.replace(/-/g, '\\-')).join('|');

// `Name: value` at the start of a line (raw HTTP, header dumps)…
const headerLine = new RegExp(`^([ \\t]*)(${names})([ \\t]*:[ \\t]*)(.*)$`, 'gim');
// …and inside a curl `-H '…'` / `--header "…"`, up to the closing quote.
const curlHeader = new RegExp(
  `((?:-H|--header)\\s+(['"]))(${names})(\\s*:\\s*)((?:(?!\\2)[^\\r\\n])*)`,
  'gi',
);
// A replay line computes its signature from the tester's environment (`-H "x-auth-signature: $SIG"`): no secret.
const COMPUTED = '$SIG';
// "name": "value" in JSON text (bodies are stored as strings).
const jsonField = new RegExp(`("(?:${names})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// name=value in a query string or a form body.
const queryParam = new RegExp(`((?:^|[?&])(?:${names})=)[^&#\\s'"]*`, 'gi');
// PEM private keys of any flavour (RSA, EC, ENCRYPTED, OPENSSH…), also when the END line is missing (truncated).
const pemBlock = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

const mayHoldSecretName = /signature|authorization|appsecret|cookie/i;

const registered = new Set<string>();

/**
 * Registers an exact secret value (app secret, API key…) so every later redaction masks it wherever it appears.
 * Values shorter than 6 characters are ignored: masking them would shred unrelated text.
 */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < 6) return;
  registered.add(value);
  const encoded = encodeURIComponent(value);
  if (encoded !== value) registered.add(encoded);
}

/** The registered secret values (handed to a child process that must redact the same). */
export function registeredSecrets(): string[] {
  return [...registered];
}

/** Forgets every registered secret (tests; a new run in a long-lived process). */
export function clearSecrets(): void {
  registered.clear();
}

/** Masks the exact registered secret values. */
export function redactSecrets(s: string): string {
  let out = s;
  for (const secret of registered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Masks secret header values, JSON fields, query parameters, PEM private keys and registered secrets in text. */
export function redactText(s: string): string {
  let out = redactSecrets(s);
  if (out.includes('PRIVATE KEY-----'))
    out = out.replace(pemBlock, `-----BEGIN $1PRIVATE KEY-----${REDACTED}`);
  // Cheap pre-checks keep this fast on the thousands of short strings a large run holds.
  if (!mayHoldSecretName.test(out)) return out;
  out = out.replace(jsonField, `$1"${REDACTED}"`);
  out = out.replace(queryParam, `$1${REDACTED}`);
  out = out.replace(curlHeader, (m, pre: string, _q: string, name: string, sep: string, value: string) =>
    value === COMPUTED ? m : `${pre}${name}${sep}${REDACTED}`,
  );
  out = out.replace(headerLine, `$1$2$3${REDACTED}`);
  return out;
}

/** A redacted deep copy: values under secret header names are masked, every string goes through redactText. */
export function redactDeep<T>(value: T): T {
  return walk(value, 0) as T;
}

// A target's JSON can nest 10 000 levels; recursing that deep overflows the stack (a crash while writing the
// report). Nothing a person reads is that deep, so deeper values become a note.
const MAX_DEPTH = 1_000;
export const TOO_DEEP = '(nested too deep to show)';

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      secretHeaderSet.has(k.toLowerCase()) && v !== null && v !== undefined && v !== ''
        ? REDACTED
        : walk(v, depth + 1);
  }
  return out;
}
