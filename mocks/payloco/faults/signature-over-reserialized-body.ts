import type { Fault } from './fault.js';

export const signatureOverReserializedBody: Fault = {
  name: 'signature-over-reserialized-body',
  reading: 'P6',
  level: 'MUST',
  description:
    'The signature is verified over re-serialised JSON, not the raw body: a correctly signed body with whitespace is rejected.',
  flags: { signatureInput: 'reserialized' },
};
