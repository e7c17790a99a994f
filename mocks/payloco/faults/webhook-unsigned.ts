import type { Fault } from './fault.js';

export const webhookUnsigned: Fault = {
  name: 'webhook-unsigned',
  reading: 'P10',
  description: 'Webhooks carry no x-signature header.',
  apply: (b) => ({ ...b, webhookSignature: 'none' }),
};
