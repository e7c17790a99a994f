import { type Fault, foundByQuery, withData } from './fault.js';

export const queryCompleteTimeNumber: Fault = {
  name: 'query-complete-time-number',
  reading: 'P9',
  level: 'MUST',
  description:
    'A query reports completeTime as a JSON number (epoch milliseconds, 0 while the order is not complete).',
  respond: (env, ctx) =>
    foundByQuery(ctx)
      ? withData(env, (data) => ({
          ...data,
          completeTime: typeof data.completeTime === 'string' ? Date.parse(data.completeTime) : 0,
        }))
      : env,
};
