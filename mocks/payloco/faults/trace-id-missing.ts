import { type Fault, rewriting } from './fault.js';

export const traceIdMissing: Fault = {
  name: 'trace-id-missing',
  reading: 'P2',
  description: 'Responses carry no traceId.',
  apply: (b) => rewriting(b, ({ traceId: _dropped, ...env }) => env),
};
