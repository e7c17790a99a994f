import type { Fault } from './fault.js';

export const queryStringParamsAccepted: Fault = {
  name: 'query-string-params-accepted',
  reading: 'P5',
  level: 'MUST',
  description:
    'Parameters sent in the query string with an empty body are accepted, unsigned, and processed.',
  flags: { acceptQueryStringParams: true },
};
