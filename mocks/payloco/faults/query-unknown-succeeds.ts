import type { Fault } from './fault.js';

export const queryUnknownSucceeds: Fault = {
  name: 'query-unknown-succeeds',
  reading: 'P9',
  description: 'A query for an unknown order is answered 00000000 with a made-up SUCCESS order.',
  apply: (b) => ({ ...b, unknownOrderFails: false }),
};
