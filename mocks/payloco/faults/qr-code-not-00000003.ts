import { type Fault, isPay } from './fault.js';

export const qrCodeNot00000003: Fault = {
  name: 'qr-code-not-00000003',
  reading: 'P7',
  level: 'MUST',
  description: 'An active QR pay is answered with code 00000000 while data.status is PENDING.',
  respond: (env, ctx) =>
    isPay(ctx) && ctx.order?.kind === 'QRCODE' && !ctx.failure ? { ...env, code: '00000000' } : env,
};
