import type { Fault } from './fault.js';

export const duplicateMerchantOrderCreatesSecond: Fault = {
  name: 'duplicate-merchant-order-creates-second',
  reading: 'P9',
  level: 'MUST',
  description: 'A pay with a merchantOrderId already used creates a second order.',
  flags: { rejectDuplicates: false },
};
