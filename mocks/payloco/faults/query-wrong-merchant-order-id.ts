import { type Fault, foundByQuery, rewriting, withData } from './fault.js';

export const queryWrongMerchantOrderId: Fault = {
  name: 'query-wrong-merchant-order-id',
  reading: 'P9',
  description: "A query answer carries another merchantOrderId than the order's.",
  apply: (b) =>
    rewriting(b, (env, ctx) =>
      foundByQuery(ctx)
        ? withData(env, (data) => ({ ...data, merchantOrderId: `X${String(data.merchantOrderId)}` }))
        : env,
    ),
};
