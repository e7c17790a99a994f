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

/**
 * L3 renders an array as its compact JSON text and does not say whether empty (null or "") members of the objects
 * inside it are signed: the vendor demo (fastjson, which leaves out nulls) drops them, a signer that follows L3's
 * words keeps them. Both readings are conformant; paycert signs with the first and verifies with either.
 */
export type ArrayReading = 'empty-in-arrays-dropped' | 'empty-in-arrays-kept';

export const ARRAY_READINGS: readonly ArrayReading[] = ['empty-in-arrays-dropped', 'empty-in-arrays-kept'];

/** The reading in words, for evidence. */
export function describeReading(reading: ArrayReading): string {
  return reading === 'empty-in-arrays-dropped'
    ? 'empty members inside arrays left out (as the vendor demo does)'
    : 'empty members inside arrays kept (arrays signed as their compact JSON text as sent)';
}

function render(v: unknown, reading: ArrayReading): string {
  if (Array.isArray(v)) return JSON.stringify(reading === 'empty-in-arrays-dropped' ? prune(v) : v);
  if (v !== null && typeof v === 'object') return `{${joinSorted(v as Record<string, unknown>, reading)}}`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function joinSorted(obj: Record<string, unknown>, reading: ArrayReading): string {
  return Object.keys(obj)
    .filter((k) => !isEmpty(obj[k]))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${render(obj[k], reading)}`)
    .join('&');
}

/** The string that is hashed: sorted `k=v` pairs of non-empty values, then `&key=<secret>`. */
export function lesspayStringToSign(
  body: Record<string, unknown> | null | undefined,
  secret: string,
  reading: ArrayReading = 'empty-in-arrays-dropped',
): string {
  const joined = body ? joinSorted(body, reading) : '';
  return joined === '' ? `key=${secret}` : `${joined}&key=${secret}`;
}

/** Uppercase hex SHA-256 (a plain hash, not an HMAC) of the string to sign. */
export function lesspaySign(
  body: Record<string, unknown> | null | undefined,
  secret: string,
  reading: ArrayReading = 'empty-in-arrays-dropped',
): string {
  return createHash('sha256')
    .update(lesspayStringToSign(body, secret, reading), 'utf8')
    .digest('hex')
    .toUpperCase();
}

/**
 * The reading under which `signature` is the L3 signature of `body`, or undefined when it is under none. The two
 * readings give the same string unless an array holds an empty member, so the first one is reported then.
 */
export function lesspayVerifyReading(
  body: Record<string, unknown>,
  secret: string,
  signature: string,
  sign: (body: Record<string, unknown>, secret: string, reading: ArrayReading) => string = lesspaySign,
): ArrayReading | undefined {
  return ARRAY_READINGS.find((r) => sign(body, secret, r) === signature);
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
export function lesspayCallbackSign(
  body: Record<string, unknown>,
  secret: string,
  reading: ArrayReading = 'empty-in-arrays-dropped',
): string {
  const version = typeof body.api_version === 'string' ? body.api_version.trim().toLowerCase() : '';
  if (version !== '' && version !== 'v1') return lesspaySign(body, secret, reading);
  const signed = Object.fromEntries(Object.entries(body).filter(([k]) => !V1_CALLBACK_UNSIGNED.includes(k)));
  return lesspaySign(signed, secret, reading);
}
