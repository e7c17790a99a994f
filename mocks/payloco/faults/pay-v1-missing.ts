import type { Fault } from './fault.js';

export const payV1Missing: Fault = {
  name: 'pay-v1-missing',
  reading: 'P1',
  level: 'MUST',
  description: 'The gateway has no /v1/payments/open/api/pay: it is answered as an unknown path (HTTP 404).',
  flags: { missingEndpoints: { pay: 'not-found' } },
};
