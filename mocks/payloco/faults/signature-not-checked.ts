import type { Fault } from './fault.js';

export const signatureNotChecked: Fault = {
  name: 'signature-not-checked',
  reading: 'P6',
  description: 'A missing or invalid request signature is ignored and the request processed.',
  apply: (b) => ({ ...b, enforceSignature: false }),
};
