import type { Fault } from './fault.js';

export const transTypeRequiredEverywhere: Fault = {
  name: 'transtype-required-everywhere',
  reading: 'P3',
  level: 'MUST',
  description:
    "A v2 pay or a preAuthVoid without transType is answered 22070030, though the docs' examples carry none.",
  flags: { transTypeEverywhere: true },
};
