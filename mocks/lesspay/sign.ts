import { createHmac, hash } from 'node:crypto';
import { compactJson, isObject, type JsonObject, type JsonValue, RawNumber } from './json.js';

/**
 * How a signer renders the string to hash. `standard` is the L3 rule; the other settings exist so fault
 * variants can reproduce real-world signer bugs.
 */
export interface SignStyle {
  hash: 'sha256' | 'hmac-sha256';
  /** The hex digits of the digest: L3 says upper-case. */
  hex: 'upper' | 'lower';
  nested: 'braces' | 'json';
  /** `long-as-double`: numbers beyond 32 bits rendered as a Java double (1762741122000 → 1.762741122E12). */
  numbers: 'as-written' | 'normalized' | 'long-as-double';
  /** `capitalised`: true → True (a Python signer's str()). */
  booleans: 'json' | 'capitalised';
  /** `signed`: null and "" members are signed (as `k=null` and `k=`) instead of left out. */
  empty: 'left-out' | 'signed';
  /** `dropped`: array members are left out of the string. */
  arrays: 'compact-json' | 'dropped';
  /** `ampersand`: an empty body signs `&key=<secret>` (the join without L3's special case). */
  emptyBody: 'key-only' | 'ampersand';
}

export const STANDARD_STYLE: SignStyle = {
  hash: 'sha256',
  hex: 'upper',
  nested: 'braces',
  numbers: 'as-written',
  booleans: 'json',
  empty: 'left-out',
  arrays: 'compact-json',
  emptyBody: 'key-only',
};

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** Java's Double.toString for a number of 10^7 or more: 1.762741122E12. */
function javaDouble(n: number): string {
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa!.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function renderNumber(text: string, style: SignStyle): string {
  if (style.numbers === 'as-written') return text;
  const n = Number(text);
  if (style.numbers === 'long-as-double' && Number.isInteger(n) && Math.abs(n) > 2 ** 31 - 1)
    return javaDouble(n);
  return style.numbers === 'normalized' ? String(n) : text;
}

function renderValue(v: unknown, style: SignStyle): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (v instanceof RawNumber) return renderNumber(v.text, style);
  if (typeof v === 'boolean' && style.booleans === 'capitalised') return v ? 'True' : 'False';
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
  // One pass to pick the keys and one join: every request the mock verifies goes through here.
  const keys: string[] = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (style.empty === 'signed' ? v === undefined : isEmpty(v)) continue;
    if (style.arrays === 'dropped' && Array.isArray(v)) continue;
    keys.push(k);
  }
  keys.sort(); // without a comparator: UTF-16 code-unit order, as Java's TreeMap, and no call per comparison
  let out = '';
  for (let i = 0; i < keys.length; i++)
    out += `${i === 0 ? '' : '&'}${keys[i]}=${renderValue(obj[keys[i]!], style)}`;
  return out;
}

/** The exact string that is hashed: `<canonical>&key=<secret>`, or `key=<secret>` when nothing is left. */
export function stringToSign(
  obj: Record<string, unknown>,
  secret: string,
  style: SignStyle = STANDARD_STYLE,
): string {
  const base = canonicalString(obj, style);
  if (base === '' && style.emptyBody === 'key-only') return `key=${secret}`;
  return `${base}&key=${secret}`;
}

export function sign(
  obj: Record<string, unknown>,
  secret: string,
  style: SignStyle = STANDARD_STYLE,
): string {
  const text = stringToSign(obj, secret, style);
  // The one-shot hash: a Hash object per request cost the mock more than the digest itself.
  const hex =
    style.hash === 'sha256'
      ? hash('sha256', text, 'hex')
      : createHmac('sha256', secret).update(text, 'utf8').digest('hex');
  return style.hex === 'upper' ? hex.toUpperCase() : hex;
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

/**
 * Constant-time comparison of a received signature with the expected one (exact, uppercase hex). Written out rather
 * than timingSafeEqual: the two buffers it needs cost more than the comparison, on every request the mock answers.
 */
export function signatureMatches(received: string, expected: string): boolean {
  if (received.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= received.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
