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
  'signature-numbers-normalized': {
    reading: 'L3',
    level: 'SHOULD',
    description: 'Signs numbers re-serialised (1.0 → 1) instead of as written: such bodies get 401.',
    flags: { signStyle: { ...STANDARD_STYLE, numbers: 'normalized' } },
  },
};
