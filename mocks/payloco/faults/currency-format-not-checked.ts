import type { Fault } from './fault.js';

export const currencyFormatNotChecked: Fault = {
  name: 'currency-format-not-checked',
  reading: 'P9',
  level: 'SHOULD',
  description: 'A pay with a currency that is not three upper-case letters (e.g. "US$") is accepted.',
  flags: (b) => ({ unchecked: [...b.unchecked, 'currency'] }),
};
