import type { Fault } from './fault.js';

export const webhookNoRetry: Fault = {
  name: 'webhook-no-retry',
  reading: 'P10',
  level: 'SHOULD',
  description: 'An unacknowledged webhook is never retried.',
  flags: { webhookRetries: false },
};
