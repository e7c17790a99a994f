import type { Fault } from './fault.js';

export const transTypeNotRequired: Fault = {
  name: 'transtype-not-required',
  reading: 'P3',
  level: 'MUST',
  description: 'A v1 pay or query without transType is accepted.',
  flags: { requireTransType: false },
};
