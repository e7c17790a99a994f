import type { Fault } from './fault.js';

export const requestTimeNotChecked: Fault = {
  name: 'request-time-not-checked',
  reading: 'P4',
  level: 'SHOULD',
  description: 'A requestTime that is not a date-time (e.g. "yesterday") is accepted.',
  flags: (b) => ({ unchecked: [...b.unchecked, 'requestTime'] }),
};
