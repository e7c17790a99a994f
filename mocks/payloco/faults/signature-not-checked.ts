import type { Fault } from './fault.js';

export const signatureNotChecked: Fault = {
  name: 'signature-not-checked',
  reading: 'P6',
  level: 'MUST',
  description: 'A missing or invalid request signature is ignored and the request processed.',
  flags: { enforceSignature: false },
};
