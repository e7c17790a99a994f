import type { Fault } from './fault.js';

export const webhookAny200Acks: Fault = {
  name: 'webhook-any-200-acks',
  reading: 'P10',
  description: '(SHOULD) Any HTTP 200 counts as acknowledgement, whatever the body: no retry.',
  apply: (b) => ({ ...b, webhookAckNeedsCode: false }),
};
