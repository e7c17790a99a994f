import type { Fault } from './fault.js';

export const merchantIdNotRequired: Fault = {
  name: 'merchant-id-not-required',
  reading: 'P4',
  description: 'A request without merchantId is accepted (as the only test merchant).',
  apply: (b) => ({ ...b, requireMerchantId: false }),
};
