import { type Fault, isPay, rewriting } from './fault.js';

export const micropaySuccessCodePending: Fault = {
  name: 'micropay-success-code-pending',
  reading: 'P8',
  description: 'A paid MICROPAY order is answered with code 00000003 while data.status is SUCCESS.',
  apply: (b) =>
    rewriting(b, (env, ctx) =>
      isPay(ctx) && ctx.order?.kind === 'MICROPAY' && ctx.order.status === 'SUCCESS'
        ? { ...env, code: '00000003' }
        : env,
    ),
};
