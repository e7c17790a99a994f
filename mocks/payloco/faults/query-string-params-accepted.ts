import type { Fault } from './fault.js';

export const queryStringParamsAccepted: Fault = {
  name: 'query-string-params-accepted',
  reading: 'P5',
  description:
    'Parameters sent in the query string with an empty body are accepted, unsigned, and processed.',
  apply: (b) => ({ ...b, acceptQueryStringParams: true }),
};
