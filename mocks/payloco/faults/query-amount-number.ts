import { type Fault, foundByQuery, rewriting, withData } from './fault.js';

export const queryAmountNumber: Fault = {
  name: 'query-amount-number',
  reading: 'P9',
  description: 'A query reports transAmt as a JSON number.',
  apply: (b) =>
    rewriting(b, (env, ctx) =>
      foundByQuery(ctx) ? withData(env, (data) => ({ ...data, transAmt: Number(data.transAmt) })) : env,
    ),
};
