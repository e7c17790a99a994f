import type { Fault } from './fault.js';

export const queryEndpointMissing: Fault = {
  name: 'query-endpoint-missing',
  reading: 'P1',
  level: 'MUST',
  description:
    'The gateway has no /v1/payments/open/api/query that takes a POST: a POST is answered HTTP 405, as a GET is.',
  flags: { missingEndpoints: { query: 'method' } },
};
