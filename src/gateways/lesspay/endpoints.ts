import type { EndpointModel } from '../model.js';

// Lesspay's documented endpoints: each path and request/answer schema `$id` is spelled here once.

export const endpoints = {
  createPayin: {
    path: '/api/global/v1/pay/create-order',
    request: 'lesspay/pay-in-create-request.schema.json',
    response: 'lesspay/pay-in-create-response.schema.json',
    reading: 'L7',
  },
  queryPayin: {
    path: '/api/global/v1/pay/query-order',
    request: 'lesspay/pay-in-query-request.schema.json',
    response: 'lesspay/pay-in-query-response.schema.json',
    reading: 'L8',
  },
  createPayout: {
    path: '/api/global/payout/create-order',
    request: 'lesspay/payout-create-request.schema.json',
    response: 'lesspay/payout-create-response.schema.json',
    reading: 'L10',
  },
  createBatchPayout: {
    path: '/api/global/payout/batch/create-order',
    request: 'lesspay/payout-batch-create-request.schema.json',
    response: 'lesspay/payout-create-response.schema.json',
    reading: 'L10',
  },
  queryPayout: {
    path: '/api/global/payout/query',
    request: 'lesspay/payout-query-request.schema.json',
    response: 'lesspay/payout-query-response.schema.json',
    reading: 'L9',
  },
  payoutBanks: {
    path: '/api/global/payout/bank',
    request: 'lesspay/payout-bank-request.schema.json',
    response: 'lesspay/payout-envelope.schema.json',
  },
  payoutBalance: {
    path: '/api/global/payout/balance',
    request: 'lesspay/payout-balance-request.schema.json',
    response: 'lesspay/payout-envelope.schema.json',
  },
} as const satisfies Record<string, EndpointModel>;
