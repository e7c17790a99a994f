import type { Fault } from './fault.js';

export const queryUnknownSucceeds: Fault = {
  name: 'query-unknown-succeeds',
  reading: 'P9',
  level: 'MUST',
  description: 'A query for an unknown order is answered 00000000 with a made-up SUCCESS order.',
  flags: { unknownOrderFails: false },
};
