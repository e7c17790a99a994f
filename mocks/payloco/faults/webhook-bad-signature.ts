import type { Fault } from './fault.js';

export const webhookBadSignature: Fault = {
  name: 'webhook-bad-signature',
  reading: 'P10',
  level: 'MUST',
  description: 'Webhooks carry an x-signature computed with the wrong secret.',
  flags: { webhookSignature: 'wrong-secret' },
};
