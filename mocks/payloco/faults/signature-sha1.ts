import type { Fault } from './fault.js';

export const signatureSha1: Fault = {
  name: 'signature-sha1',
  reading: 'P6',
  level: 'MUST',
  description:
    'Request signatures are verified as SHA1withRSA instead of SHA256withRSA: every correctly signed request is refused.',
  flags: { signatureHash: 'sha1' },
};
