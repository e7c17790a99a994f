import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { compactJson, isObject, type JsonObject, type JsonValue, RawNumber } from './json.js';

/**
 * How a signer renders the string to hash. `standard` is the L3 rule; the other settings exist so fault
 * variants can reproduce real-world signer bugs.
 */
export interface SignStyle {
  hash: 'sha256' | 'hmac-sha256';
  nested: 'braces' | 'json';
  numbers: 'as-written' | 'normalized';
}

export const STANDARD_STYLE: SignStyle = { hash: 'sha256', nested: 'braces', numbers: 'as-written' };

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

function renderValue(v: unknown, style: SignStyle): string {
  if (typeof v === 'string') return v;
  if (v instanceof RawNumber) return style.numbers === 'as-written' ? v.text : String(Number(v.text));
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return compactJson(v);
  if (typeof v === 'object' && v !== null) {
    if (style.nested === 'json') return compactJson(v);
    return `{${canonicalString(v as Record<string, unknown>, style)}}`;
  }
  return String(v);
}

/** `k1=v1&k2=v2` over the non-empty keys in ASCII order (code-unit order, as Java's TreeMap). */
export function canonicalString(obj: Record<string, unknown>, style: SignStyle = STANDARD_STYLE): string {
  return Object.keys(obj)
    .filter((k) => !isEmpty(obj[k]))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${renderValue(obj[k], style)}`)
    .join('&');
}

/** The exact string that is hashed: `<canonical>&key=<secret>`, or `key=<secret>` when nothing is left. */
export function stringToSign(
  obj: Record<string, unknown>,
  secret: string,
  style: SignStyle = STANDARD_STYLE,
): string {
  const base = canonicalString(obj, style);
  return base === '' ? `key=${secret}` : `${base}&key=${secret}`;
}

export function sign(
  obj: Record<string, unknown>,
  secret: string,
  style: SignStyle = STANDARD_STYLE,
): string {
  const text = stringToSign(obj, secret, style);
  const digest =
    style.hash === 'sha256'
      ? createHash('sha256').update(text, 'utf8')
      : createHmac('sha256', secret).update(text, 'utf8');
  return digest.digest('hex').toUpperCase();
}

/**
 * The body with null and "" members dropped from the objects inside its arrays. L3 renders an array as its compact
 * JSON text and does not say whether empty members inside it are signed; the vendor demo's signer (SignUtil with
 * fastjson, which leaves out nulls) drops them, a signer that follows L3's words keeps them. A request signed either
 * way is accepted (auth.ts); the two strings differ only when an array holds an empty member.
 */
export function withoutEmptyInArrays(v: JsonValue, inArray = false): JsonValue {
  if (Array.isArray(v)) return v.map((x) => withoutEmptyInArrays(x, true));
  if (isObject(v)) {
    const out: JsonObject = Object.create(null);
    for (const [k, x] of Object.entries(v))
      if (!(inArray && isEmpty(x))) out[k] = withoutEmptyInArrays(x, inArray);
    return out;
  }
  return v;
}

/** Constant-time comparison of a received signature with the expected one (exact, uppercase hex). */
export function signatureMatches(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
