import type { Fault } from './fault.js';

export const preAuthVoidMissing: Fault = {
  name: 'pre-auth-void-missing',
  reading: 'P1',
  level: 'MUST',
  description:
    'The gateway has no /v1/payments/open/api/preAuthVoid: it answers HTTP 200 with the code and message of an unknown path.',
  flags: { missingEndpoints: { preAuthVoid: 'code' } },
};
