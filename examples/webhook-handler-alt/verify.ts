import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Signature checks, written apart from examples/webhook-handler on purpose: headers are found in rawHeaders by a
// case-insensitive scan, and signatures are compared as the bytes their hex text encodes (Buffer 'hex'), not as text.

/** The first value of a header, whatever the case its name was sent in. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() === wanted) return req.rawHeaders[i + 1];
  }
  return undefined;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** Compares a hex signature with digest bytes in constant time; anything that is not 64 hex digits never matches. */
function hexMatches(header: string | undefined, digest: Buffer): boolean {
  if (!header || !HEX_SHA256.test(header.trim())) return false;
  return timingSafeEqual(Buffer.from(header.trim(), 'hex'), digest);
}

// --- Lesspay (docs §6.1, profile L3/L11): uppercase SHA-256 of the sorted non-empty k=v pairs and &key=secret ---

/** Fields a v1 pay-in callback leaves out of its signature (the vendor demo, PayinWebhookVerifyExample). */
const V1_UNSIGNED = new Set(['api_version', 'order_status_int', 'channel_biz_data', 'event', 'event_data']);

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return `{${pairs(value as Record<string, unknown>)}}`;
  return JSON.stringify(value);
}

function pairs(object: Record<string, unknown>, skip?: Set<string>): string {
  const keys: string[] = [];
  for (const key in object) {
    const value = object[key];
    if (value === null || value === undefined || value === '' || skip?.has(key)) continue;
    keys.push(key);
  }
  keys.sort();
  let text = '';
  for (const key of keys) text += `${text ? '&' : ''}${key}=${valueText(object[key])}`;
  return text;
}

/**
 * Verifies x-auth-signature over a parsed body. `fieldSet` 'by-version' is the pay-in rule (v1 or no version: the
 * v1 field set; anything else: the whole body); 'whole' is the payout rule (every field, demo PayoutWebhookVerify).
 */
export function lesspayVerified(
  body: Record<string, unknown>,
  signature: string | undefined,
  secret: string,
  fieldSet: 'by-version' | 'whole',
): boolean {
  const version = typeof body.api_version === 'string' ? body.api_version.trim().toLowerCase() : '';
  const skip = fieldSet === 'by-version' && (version === '' || version === 'v1') ? V1_UNSIGNED : undefined;
  const text = pairs(body, skip);
  const digest = createHash('sha256')
    .update(`${text}${text ? '&' : ''}key=${secret}`, 'utf8')
    .digest();
  return hexMatches(signature, digest);
}

// --- Payloco (webhooks-signature, profile P10): hex HMAC-SHA256 of the raw body bytes, keyed by the secret ---

export function paylocoVerified(raw: Buffer, signature: string | undefined, secret: string): boolean {
  return hexMatches(signature, createHmac('sha256', secret).update(raw).digest());
}
