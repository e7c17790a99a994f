import { type Fault, foundByQuery, rewriting, withData } from './fault.js';

export const queryWrongCurrency: Fault = {
  name: 'query-wrong-currency',
  reading: 'P9',
  description: 'A query answer carries another currency than the order was paid in.',
  apply: (b) =>
    rewriting(b, (env, ctx) =>
      foundByQuery(ctx)
        ? withData(env, (data) => ({ ...data, currency: data.currency === 'EUR' ? 'USD' : 'EUR' }))
        : env,
    ),
};
