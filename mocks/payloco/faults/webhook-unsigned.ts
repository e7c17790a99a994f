import type { Fault } from './fault.js';

export const webhookUnsigned: Fault = {
  name: 'webhook-unsigned',
  reading: 'P10',
  level: 'MUST',
  description: 'Webhooks carry no x-signature header.',
  flags: { webhookSignature: 'none' },
};
