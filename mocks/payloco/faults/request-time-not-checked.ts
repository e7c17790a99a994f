import type { Fault } from './fault.js';

export const requestTimeNotChecked: Fault = {
  name: 'request-time-not-checked',
  reading: 'P4',
  description: '(SHOULD) A requestTime that is not a date-time (e.g. "yesterday") is accepted.',
  apply: (b) => ({ ...b, unchecked: [...b.unchecked, 'requestTime'] }),
};
