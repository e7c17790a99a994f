import { type Fault, rewriting, withData } from './fault.js';

export const failureStatusNotFailed: Fault = {
  name: 'failure-status-not-failed',
  reading: 'P2',
  description: '(SHOULD) Failure responses carry data.status PENDING instead of FAILED.',
  apply: (b) =>
    rewriting(b, (env, ctx) =>
      ctx.failure ? withData(env, (data) => ({ ...data, status: 'PENDING' })) : env,
    ),
};
