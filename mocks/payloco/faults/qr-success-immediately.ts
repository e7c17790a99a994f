import type { Fault } from './fault.js';

export const qrSuccessImmediately: Fault = {
  name: 'qr-success-immediately',
  reading: 'P7',
  level: 'MUST',
  description: 'An active QR pay is answered 00000000 SUCCESS (and the order is paid) before anyone scans.',
  flags: { qrSettlesImmediately: true },
};
