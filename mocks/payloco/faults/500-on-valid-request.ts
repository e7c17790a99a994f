import type { Fault } from './fault.js';

export const serverErrorOnValid: Fault = {
  name: '500-on-valid-request',
  reading: 'P3',
  level: 'MUST',
  description:
    'A request that passes every check is answered HTTP 500 with code 99999999 (after its effect).',
  flags: { serverErrorOnValid: true },
};
