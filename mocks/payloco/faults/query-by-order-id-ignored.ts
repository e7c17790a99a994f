import type { Fault } from './fault.js';

export const queryByOrderIdIgnored: Fault = {
  name: 'query-by-order-id-ignored',
  reading: 'P9',
  description: 'A query naming only orderId answers Order does not exist.',
  apply: (b) => ({ ...b, queryLookup: { ...b.queryLookup, byOrderId: false } }),
};
