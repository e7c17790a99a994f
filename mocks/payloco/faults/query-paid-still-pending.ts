import { type Fault, withData } from './fault.js';

export const queryPaidStillPending: Fault = {
  name: 'query-paid-still-pending',
  reading: 'P9',
  level: 'MUST',
  description: 'A query keeps reporting PENDING (00000003) for an active QR order that has been paid.',
  respond: (env, ctx) =>
    ctx.endpoint === 'query' && ctx.order?.kind === 'QRCODE' && ctx.order.status === 'SUCCESS'
      ? withData({ ...env, code: '00000003' }, (data) => ({
          ...data,
          status: 'PENDING',
          completeTime: null,
        }))
      : env,
};
