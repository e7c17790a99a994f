import type { Fault } from './fault.js';

export const amountFormatNotChecked: Fault = {
  name: 'amount-format-not-checked',
  reading: 'P9',
  level: 'SHOULD',
  description: 'A pay whose amount is a string but not a positive decimal (e.g. "0", "abc") is accepted.',
  flags: (b) => ({ unchecked: [...b.unchecked, 'amount'] }),
};
