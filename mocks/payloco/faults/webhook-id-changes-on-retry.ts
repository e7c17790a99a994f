import type { Fault } from './fault.js';

export const webhookIdChangesOnRetry: Fault = {
  name: 'webhook-id-changes-on-retry',
  reading: 'P10',
  description: 'Each webhook retry carries a new event id.',
  apply: (b) => ({ ...b, webhookStableId: false }),
};
