import type { Fault } from './fault.js';

export const transTypeWrongCode: Fault = {
  name: 'transtype-wrong-code',
  reading: 'P3',
  level: 'MUST',
  description: 'A missing transType is answered with code 22070001 instead of 22070030.',
  flags: (b) => ({ transTypeError: { ...b.transTypeError, code: '22070001' } }),
};
