import { type Fault, foundByQuery, rewriting, withData } from './fault.js';

export const queryMissingOrderId: Fault = {
  name: 'query-missing-order-id',
  reading: 'P9',
  description: 'A query answer has no data.orderId.',
  apply: (b) =>
    rewriting(b, (env, ctx) =>
      foundByQuery(ctx) ? withData(env, ({ orderId: _dropped, ...data }) => data) : env,
    ),
};
