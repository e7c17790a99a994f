import type { Fault } from './fault.js';

export const responseSignatureInvalid: Fault = {
  name: 'response-signature-invalid',
  reading: 'P6',
  description: '(SHOULD) The response signature header does not verify over the response body.',
  apply: (b) => ({ ...b, responseSignature: 'invalid' }),
};
