import { type Fault, foundByQuery, withData } from './fault.js';

export const queryAmountNumber: Fault = {
  name: 'query-amount-number',
  reading: 'P9',
  level: 'MUST',
  description: 'A query reports transAmt as a JSON number.',
  respond: (env, ctx) =>
    foundByQuery(ctx) ? withData(env, (data) => ({ ...data, transAmt: Number(data.transAmt) })) : env,
};
