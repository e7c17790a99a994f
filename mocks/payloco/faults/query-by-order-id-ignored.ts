import type { Fault } from './fault.js';

export const queryByOrderIdIgnored: Fault = {
  name: 'query-by-order-id-ignored',
  reading: 'P9',
  level: 'MUST',
  description: 'A query naming only orderId answers Order does not exist.',
  flags: (b) => ({ queryLookup: { ...b.queryLookup, byOrderId: false } }),
};
