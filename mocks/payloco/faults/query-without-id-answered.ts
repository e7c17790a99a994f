import type { Fault } from './fault.js';

export const queryWithoutIdAnswered: Fault = {
  name: 'query-without-id-answered',
  reading: 'P9',
  level: 'SHOULD',
  description:
    'A query naming neither merchantOrderId nor orderId is answered 00000000 instead of a failure.',
  flags: (b) => ({ unchecked: [...b.unchecked, 'queryId'] }),
};
