import type { Fault } from './fault.js';

export const traceIdMissing: Fault = {
  name: 'trace-id-missing',
  reading: 'P2',
  level: 'MUST',
  description: 'Responses carry no traceId.',
  respond: ({ traceId: _dropped, ...env }) => env,
};
