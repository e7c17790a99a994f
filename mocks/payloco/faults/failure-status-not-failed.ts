import { type Fault, withData } from './fault.js';

export const failureStatusNotFailed: Fault = {
  name: 'failure-status-not-failed',
  reading: 'P2',
  level: 'SHOULD',
  description: 'Failure responses carry data.status PENDING instead of FAILED.',
  respond: (env, ctx) => (ctx.failure ? withData(env, (data) => ({ ...data, status: 'PENDING' })) : env),
};
