import { type Fault, isPay } from './fault.js';

export const micropaySuccessCodePending: Fault = {
  name: 'micropay-success-code-pending',
  reading: 'P8',
  level: 'MUST',
  description: 'A paid MICROPAY order is answered with code 00000003 while data.status is SUCCESS.',
  respond: (env, ctx) =>
    isPay(ctx) && ctx.order?.kind === 'MICROPAY' && ctx.order.status === 'SUCCESS'
      ? { ...env, code: '00000003' }
      : env,
};
