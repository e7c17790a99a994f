import type { Fault } from './fault.js';

export const traceIdConstant: Fault = {
  name: 'trace-id-constant',
  reading: 'P2',
  level: 'SHOULD',
  description: 'Every response carries the same traceId.',
  flags: { traceId: () => 'cfef69feec8d25aa' },
};
