import type { Fault } from './fault.js';

export const payV2Missing: Fault = {
  name: 'pay-v2-missing',
  reading: 'P1',
  level: 'MUST',
  description: 'The gateway has no /v2/payments/open/api/pay: it is answered as an unknown path (HTTP 404).',
  flags: { missingEndpoints: { payV2: 'not-found' } },
};
