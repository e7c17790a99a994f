import { type Fault, foundByQuery, withData } from './fault.js';

export const queryWrongAmount: Fault = {
  name: 'query-wrong-amount',
  reading: 'P9',
  level: 'MUST',
  description: 'A query reports transAmt in minor units ("20.01" becomes "2001").',
  respond: (env, ctx) =>
    foundByQuery(ctx)
      ? withData(env, (data) => ({ ...data, transAmt: String(Math.round(Number(data.transAmt) * 100)) }))
      : env,
};
