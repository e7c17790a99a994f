import type { IncomingHttpHeaders } from 'node:http';
import type { MockContext } from './context.js';
import type { JsonObject } from './json.js';
import type { Reply } from './reply.js';
import { sign, signatureMatches, withoutEmptyInArrays } from './sign.js';

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
