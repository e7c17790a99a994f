import type { Fault } from './fault.js';

export const signatureOverReserializedBody: Fault = {
  name: 'signature-over-reserialized-body',
  reading: 'P6',
  description:
    'The signature is verified over re-serialised JSON, not the raw body: a correctly signed body with whitespace is rejected.',
  apply: (b) => ({ ...b, signatureInput: 'reserialized' }),
};
