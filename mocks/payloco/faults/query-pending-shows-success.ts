import { type Fault, withData } from './fault.js';

export const queryPendingShowsSuccess: Fault = {
  name: 'query-pending-shows-success',
  reading: 'P7',
  level: 'MUST',
  description: 'A query reports SUCCESS (code 00000000) for an active QR order nobody has paid.',
  respond: (env, ctx) =>
    ctx.endpoint === 'query' && ctx.order?.status === 'PENDING'
      ? withData({ ...env, code: '00000000' }, (data) => ({ ...data, status: 'SUCCESS' }))
      : env,
};
