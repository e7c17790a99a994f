import type { Fault } from './fault.js';

export const webhookBadSignature: Fault = {
  name: 'webhook-bad-signature',
  reading: 'P10',
  description: 'Webhooks carry an x-signature computed with the wrong secret.',
  apply: (b) => ({ ...b, webhookSignature: 'wrong-secret' }),
};
