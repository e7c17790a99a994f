import type { Fault } from './fault.js';

export const queryByMerchantOrderIdIgnored: Fault = {
  name: 'query-by-merchant-order-id-ignored',
  reading: 'P9',
  description: 'A query naming only merchantOrderId answers Order does not exist.',
  apply: (b) => ({ ...b, queryLookup: { ...b.queryLookup, byMerchantOrderId: false } }),
};
