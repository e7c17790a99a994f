import type { Fault } from './fault.js';

export const badSignatureCreatesOrder: Fault = {
  name: 'bad-signature-creates-order',
  reading: 'P6',
  level: 'MUST',
  description: 'A request with an invalid signature is answered 11000001, but the order is created anyway.',
  flags: { createOnBadSignature: true },
};
