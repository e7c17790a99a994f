import type { FaultSet } from './types.js';

export const routingFaults: FaultSet = {
  'get-answered-200': {
    reading: 'L4',
    level: 'MUST',
    description:
      'A non-POST method on a pay-in endpoint is answered HTTP 200 (with an error envelope) instead of 405.',
    flags: { payinNonPost: 'answer-200' },
  },
  'payin-get-answered-404': {
    reading: 'L4',
    level: 'MUST',
    description: 'A non-POST method on a pay-in endpoint is answered 404 instead of 405.',
    flags: { payinNonPost: 'not-found' },
  },
  'payout-get-answered-200': {
    reading: 'L4',
    level: 'SHOULD',
    description: 'A non-POST method on a payout endpoint is answered HTTP 200 (with an error envelope).',
    flags: { payoutNonPost: 'answer-200' },
  },
  'payout-405-missing': {
    reading: 'L4',
    level: 'SHOULD',
    description: 'A non-POST method on a payout endpoint is answered 404 instead of 405.',
    flags: { payoutNonPost: 'not-found' },
  },
  'unknown-path-200': {
    reading: 'L5',
    level: 'MUST',
    description: 'An unknown path is answered HTTP 200 with code 0 instead of 404.',
    flags: { unknownPath: 'answer-200' },
  },
};
