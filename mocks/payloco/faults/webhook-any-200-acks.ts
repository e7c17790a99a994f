import type { Fault } from './fault.js';

export const webhookAny200Acks: Fault = {
  name: 'webhook-any-200-acks',
  reading: 'P10',
  level: 'SHOULD',
  description: 'Any HTTP 200 counts as acknowledgement, whatever the body: no retry.',
  flags: { webhookAckNeedsCode: false },
};
