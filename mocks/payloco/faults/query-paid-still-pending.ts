import { type Fault, rewriting, withData } from './fault.js';

export const queryPaidStillPending: Fault = {
  name: 'query-paid-still-pending',
  reading: 'P9',
  description: 'A query keeps reporting PENDING (00000003) for an active QR order that has been paid.',
  apply: (b) =>
    rewriting(b, (env, ctx) =>
      ctx.endpoint === 'query' && ctx.order?.kind === 'QRCODE' && ctx.order.status === 'SUCCESS'
        ? withData({ ...env, code: '00000003' }, (data) => ({
            ...data,
            status: 'PENDING',
            completeTime: null,
          }))
        : env,
    ),
};
