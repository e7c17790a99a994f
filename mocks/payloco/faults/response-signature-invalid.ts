import type { Fault } from './fault.js';

export const responseSignatureInvalid: Fault = {
  name: 'response-signature-invalid',
  reading: 'P6',
  level: 'SHOULD',
  description: 'The response signature header does not verify over the response body.',
  flags: { responseSignature: 'invalid' },
};
