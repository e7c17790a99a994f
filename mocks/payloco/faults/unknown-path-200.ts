import type { Fault } from './fault.js';

export const unknownPath200: Fault = {
  name: 'unknown-path-200',
  reading: 'P1',
  level: 'MUST',
  description: '(SHOULD 404) An unknown path is answered HTTP 200 (with a failure envelope).',
  flags: { notFoundStatus: 200 },
};
