import type { Fault } from './fault.js';

export const webhookNoRetry: Fault = {
  name: 'webhook-no-retry',
  reading: 'P10',
  description: '(SHOULD) An unacknowledged webhook is never retried.',
  apply: (b) => ({ ...b, webhookRetries: false }),
};
