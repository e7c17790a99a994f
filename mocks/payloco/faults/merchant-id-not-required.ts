import type { Fault } from './fault.js';

export const merchantIdNotRequired: Fault = {
  name: 'merchant-id-not-required',
  reading: 'P4',
  level: 'MUST',
  description: 'A request without merchantId is accepted (as the only test merchant).',
  flags: { requireMerchantId: false },
};
