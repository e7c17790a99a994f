import type { Fault } from './fault.js';

export const queryByMerchantOrderIdIgnored: Fault = {
  name: 'query-by-merchant-order-id-ignored',
  reading: 'P9',
  level: 'MUST',
  description: 'A query naming only merchantOrderId answers Order does not exist.',
  flags: (b) => ({ queryLookup: { ...b.queryLookup, byMerchantOrderId: false } }),
};
