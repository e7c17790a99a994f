import type { Fault } from './fault.js';

export const traceIdConstant: Fault = {
  name: 'trace-id-constant',
  reading: 'P2',
  description: '(SHOULD) Every response carries the same traceId.',
  apply: (b) => ({ ...b, traceId: () => 'cfef69feec8d25aa' }),
};
