import type { Fault } from './fault.js';

export const transTypeWrongMessage: Fault = {
  name: 'transtype-wrong-message',
  reading: 'P3',
  level: 'SHOULD',
  description: 'A missing transType is answered with the message "transType is required".',
  flags: (b) => ({ transTypeError: { ...b.transTypeError, message: 'transType is required' } }),
};
