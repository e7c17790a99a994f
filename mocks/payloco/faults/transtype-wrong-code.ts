import type { Fault } from './fault.js';

export const transTypeWrongCode: Fault = {
  name: 'transtype-wrong-code',
  reading: 'P3',
  description: 'A missing transType is answered with code 22070001 instead of 22070030.',
  apply: (b) => ({ ...b, transTypeError: { ...b.transTypeError, code: '22070001' } }),
};
