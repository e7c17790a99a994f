import { type Fault, foundByQuery, withData } from './fault.js';

export const queryWrongMerchantOrderId: Fault = {
  name: 'query-wrong-merchant-order-id',
  reading: 'P9',
  level: 'MUST',
  description: "A query answer carries another merchantOrderId than the order's.",
  respond: (env, ctx) =>
    foundByQuery(ctx)
      ? withData(env, (data) => ({ ...data, merchantOrderId: `X${String(data.merchantOrderId)}` }))
      : env,
};
