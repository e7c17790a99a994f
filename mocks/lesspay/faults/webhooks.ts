import type { FaultSet } from './types.js';

export const webhookFaults: FaultSet = {
  'webhook-unsigned': {
    reading: 'L11',
    level: 'MUST',
    description: 'Callbacks carry no x-auth-signature header.',
    flags: { webhookSigning: 'none' },
  },
  'webhook-bad-signature': {
    reading: 'L11',
    level: 'MUST',
    description: 'Callbacks are signed with another secret, so the signature does not verify.',
    flags: { webhookSigning: 'wrong' },
  },
  'webhook-malformed': {
    reading: 'L11',
    level: 'MUST',
    description: 'Callback bodies lack request_id and order_status (signature valid over what is sent).',
    flags: { webhookDropFields: ['request_id', 'order_status'] },
  },
  'webhook-no-retry': {
    reading: 'L11',
    level: 'SHOULD',
    description: 'An unacknowledged callback is never retried.',
    flags: { webhookRetry: false },
  },
  'webhook-v1-signs-all-fields': {
    reading: 'L11',
    level: 'MUST',
    description:
      'v1 pay-in callbacks are signed over the full body (api_version, order_status_int … included).',
    flags: { webhookSigning: 'v1-signs-all' },
  },
  'webhook-v2-signs-v1-fields': {
    reading: 'L11',
    level: 'MUST',
    description: 'v2 pay-in callbacks are signed over the v1 field set instead of the full body.',
    flags: { webhookSigning: 'v2-signs-v1-set' },
  },
  'webhook-form-encoded': {
    reading: 'L11',
    level: 'MUST',
    description: 'Callbacks are sent as application/x-www-form-urlencoded instead of JSON.',
    flags: { webhookEncoding: 'form' },
  },
};
