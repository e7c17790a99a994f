import type { Fault } from './fault.js';

export const transTypeWrongMessage: Fault = {
  name: 'transtype-wrong-message',
  reading: 'P3',
  description: '(SHOULD) A missing transType is answered with the message "transType is required".',
  apply: (b) => ({ ...b, transTypeError: { ...b.transTypeError, message: 'transType is required' } }),
};
