import type { Fault } from './fault.js';

export const webhookSignatureStaleTimestamp: Fault = {
  name: 'webhook-signature-stale-timestamp',
  reading: 'P10',
  level: 'MUST',
  description:
    'Webhooks sign a timestamp a minute older than their x-timestamp header, then the body: no accepted form verifies.',
  flags: { webhookSignedText: 'stale-timestamp' },
};
