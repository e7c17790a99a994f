import { type Fault, foundByQuery, withData } from './fault.js';

export const queryMissingOrderId: Fault = {
  name: 'query-missing-order-id',
  reading: 'P9',
  level: 'MUST',
  description: 'A query answer has no data.orderId.',
  respond: (env, ctx) => (foundByQuery(ctx) ? withData(env, ({ orderId: _dropped, ...data }) => data) : env),
};
