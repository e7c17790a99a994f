import { STANDARD_STYLE } from '../sign.js';
import type { FaultSet } from './types.js';

export const authFaults: FaultSet = {
  'bad-signature-accepted': {
    reading: 'L3',
    level: 'MUST',
    description: 'A wrong x-auth-signature is not verified: the request is served.',
    flags: { authVerifySignature: false },
  },
  'missing-signature-accepted': {
    reading: 'L3',
    level: 'MUST',
    description: 'A request without x-auth-signature is served.',
    flags: { authRequireSignature: false },
  },
  'unknown-appid-accepted': {
    reading: 'L3',
    level: 'MUST',
    description: 'An unknown x-auth-appid is served (signature checked with the bundled secret).',
    flags: { authRequireKnownAppId: false },
  },
  'missing-appid-accepted': {
    reading: 'L3',
    level: 'MUST',
    description: 'A request without x-auth-appid is served.',
    flags: { authRequireAppId: false },
  },
  'auth-error-200': {
    reading: 'L3',
    level: 'MUST',
    description:
      'Authentication failures are answered HTTP 200 (envelope with an error code) instead of 401.',
    respond: (out, { reply }) => (reply.outcome === 'auth' ? { ...out, status: 200 } : out),
  },
  'auth-401-no-envelope': {
    reading: 'L3',
    level: 'SHOULD',
    description: 'Authentication failures are answered 401 with an empty body (no envelope).',
    respond: (out, { reply }) => (reply.outcome === 'auth' ? { ...out, body: null } : out),
  },
  'signature-hmac': {
    reading: 'L3',
    level: 'MUST',
    description: 'Verifies HMAC-SHA256 instead of plain SHA-256: correctly signed requests get 401.',
    flags: { signStyle: { ...STANDARD_STYLE, hash: 'hmac-sha256' } },
  },
  'signature-nested-json': {
    reading: 'L3',
    level: 'MUST',
    description:
      'Renders nested objects as JSON text instead of k={k1=v1&...}: signed nested bodies get 401.',
    flags: { signStyle: { ...STANDARD_STYLE, nested: 'json' } },
  },
  'signature-lowercase-hex': {
    reading: 'L3',
    level: 'MUST',
    description: 'Expects the SHA-256 digest in lower-case hex: every correctly signed request gets 401.',
    flags: { signStyle: { ...STANDARD_STYLE, hex: 'lower' } },
  },
  'signature-signs-empty': {
    reading: 'L3',
    level: 'MUST',
    description:
      'Signs null and "" members (as k=null and k=) instead of leaving them out: bodies with an empty member get 401.',
    flags: { signStyle: { ...STANDARD_STYLE, empty: 'signed' } },
  },
  'signature-drops-arrays': {
    reading: 'L3',
    level: 'MUST',
    description:
      'Leaves array members out of the string to sign: a batch payout signed with its payout_order_details gets 401.',
    flags: { signStyle: { ...STANDARD_STYLE, arrays: 'dropped' } },
  },
  'signature-empty-body-ampersand': {
    reading: 'L3',
    level: 'MUST',
    description:
      'Signs an empty body as &key=<secret> instead of key=<secret>: a correctly signed {} gets 401.',
    flags: { signStyle: { ...STANDARD_STYLE, emptyBody: 'ampersand' } },
  },
  'signature-long-numbers-as-double': {
    reading: 'L3',
    level: 'MUST',
    description:
      "Renders integers beyond 32 bits as a Java double (1762741122000 → 1.762741122E12): the demo's integer query times get 401.",
    flags: { signStyle: { ...STANDARD_STYLE, numbers: 'long-as-double' } },
  },
  'signature-booleans-capitalised': {
    reading: 'L3',
    level: 'MUST',
    description:
      'Renders booleans as True/False (a Python signer) instead of true/false: signed booleans get 401.',
    flags: { signStyle: { ...STANDARD_STYLE, booleans: 'capitalised' } },
  },
  'signature-numbers-normalized': {
    reading: 'L3',
    level: 'SHOULD',
    description: 'Signs numbers re-serialised (1.0 → 1) instead of as written: such bodies get 401.',
    flags: { signStyle: { ...STANDARD_STYLE, numbers: 'normalized' } },
  },
};
