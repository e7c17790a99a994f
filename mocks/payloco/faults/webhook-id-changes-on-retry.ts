import type { Fault } from './fault.js';

export const webhookIdChangesOnRetry: Fault = {
  name: 'webhook-id-changes-on-retry',
  reading: 'P10',
  level: 'MUST',
  description: 'Each webhook retry carries a new event id.',
  flags: { webhookStableId: false },
};
