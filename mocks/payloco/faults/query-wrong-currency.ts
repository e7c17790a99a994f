import { type Fault, foundByQuery, withData } from './fault.js';

export const queryWrongCurrency: Fault = {
  name: 'query-wrong-currency',
  reading: 'P9',
  level: 'MUST',
  description: 'A query answer carries another currency than the order was paid in.',
  respond: (env, ctx) =>
    foundByQuery(ctx)
      ? withData(env, (data) => ({ ...data, currency: data.currency === 'EUR' ? 'USD' : 'EUR' }))
      : env,
};
