import type { IncomingHttpHeaders } from 'node:http';
import type { MockContext } from './context.js';
import type { JsonObject } from './json.js';
import type { Reply } from './reply.js';
import { sign, signatureMatches, withoutEmptyInArrays } from './sign.js';

const AUTH_HEADERS = ['x-auth-appid', 'x-auth-signature'];

/**
 * The headers authentication reads, from the raw list as node would give them in `req.headers` (names lower-cased,
 * repeated values joined with ", "): building `req.headers` whole cost the mock more than checking the signature.
 */
export function authHeaders(raw: string[]): IncomingHttpHeaders {
  const out: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i]!.toLowerCase();
    if (!AUTH_HEADERS.includes(lower)) continue;
    const seen = out[lower];
    out[lower] = seen === undefined ? raw[i + 1]! : `${seen}, ${raw[i + 1]}`;
  }
  return out;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name]; // node lower-cases names, so lookups are case-insensitive
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

function denied(ctx: MockContext, msg: string): Reply {
  return { outcome: 'auth', reason: 'auth', code: ctx.variant === 'a' ? 5004 : 9999, msg, data: null };
}

/**
 * L3. `body` is the parsed JSON object, or undefined when the body is not a JSON object: such a request is
 * refused with a parameter error afterwards, so only the headers' presence is checked for it. The
 * timestamp is not checked (its tolerance is undocumented).
 */
export function authenticate(headers: IncomingHttpHeaders, body: JsonObject | undefined, ctx: MockContext) {
  const k = ctx.knobs;
  const appId = header(headers, 'x-auth-appid');
  const signature = header(headers, 'x-auth-signature');
  if (appId === undefined && k.authRequireAppId)
    return denied(ctx, 'Permission Error: x-auth-appid header is missing');
  if (appId !== undefined && appId !== ctx.credentials.appId && k.authRequireKnownAppId)
    return denied(ctx, `Permission Error: unknown app id ${appId}`);
  if (signature === undefined) {
    return k.authRequireSignature
      ? denied(ctx, 'Permission Error: x-auth-signature header is missing')
      : undefined;
  }
  if (body === undefined || !k.authVerifySignature) return undefined;
  const secret = ctx.credentials.appSecret;
  const matches =
    signatureMatches(signature, sign(body, secret, k.signStyle)) ||
    // Empty members inside an array: signed as written or left out (demo); L3 leaves it open (sign.ts).
    signatureMatches(signature, sign(withoutEmptyInArrays(body) as JsonObject, secret, k.signStyle));
  return matches ? undefined : denied(ctx, 'Permission Error: signature verification failed');
}
