import type { Fault } from './fault.js';

export const queryWithoutIdAnswered: Fault = {
  name: 'query-without-id-answered',
  reading: 'P9',
  description:
    '(SHOULD) A query naming neither merchantOrderId nor orderId is answered 00000000 instead of a failure.',
  apply: (b) => ({ ...b, unchecked: [...b.unchecked, 'queryId'] }),
};
