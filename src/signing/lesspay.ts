import { createHash } from 'node:crypto';

// Lesspay 2.0 request and webhook signatures (profile L3, L11; lesspay.md §2.2–2.4, §6.1).

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** Drops null and "" values recursively, as the vendor demo does before serialising. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => !isEmpty(x))
        .map(([k, x]) => [k, prune(x)]),
    );
  }
  return v;
}

function render(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(prune(v));
  if (v !== null && typeof v === 'object') return `{${joinSorted(v as Record<string, unknown>)}}`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function joinSorted(obj: Record<string, unknown>): string {
  return Object.keys(obj)
    .filter((k) => !isEmpty(obj[k]))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${render(obj[k])}`)
    .join('&');
}

/** The string that is hashed: sorted `k=v` pairs of non-empty values, then `&key=<secret>`. */
export function lesspayStringToSign(
  body: Record<string, unknown> | null | undefined,
  secret: string,
): string {
  const joined = body ? joinSorted(body) : '';
  return joined === '' ? `key=${secret}` : `${joined}&key=${secret}`;
}

/** Uppercase hex SHA-256 (a plain hash, not an HMAC) of the string to sign. */
export function lesspaySign(body: Record<string, unknown> | null | undefined, secret: string): string {
  return createHash('sha256').update(lesspayStringToSign(body, secret), 'utf8').digest('hex').toUpperCase();
}

/** Fields left out of a v1 pay-in callback's signature (demo PayinWebhookVerifyExample). */
export const V1_CALLBACK_UNSIGNED = [
  'api_version',
  'order_status_int',
  'channel_biz_data',
  'event',
  'event_data',
];

/** Signature of a pay-in callback: v1 (or no api_version) signs without the V1_CALLBACK_UNSIGNED fields. */
export function lesspayCallbackSign(body: Record<string, unknown>, secret: string): string {
  const version = typeof body.api_version === 'string' ? body.api_version.trim().toLowerCase() : '';
  if (version !== '' && version !== 'v1') return lesspaySign(body, secret);
  const signed = Object.fromEntries(Object.entries(body).filter(([k]) => !V1_CALLBACK_UNSIGNED.includes(k)));
  return lesspaySign(signed, secret);
}
