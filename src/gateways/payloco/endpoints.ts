import type { EndpointModel } from '../model.js';

// Payloco's documented endpoints: each path and request/answer schema `$id` is spelled here once.

export const endpoints = {
  pay: {
    path: '/v1/payments/open/api/pay',
    request: 'payloco/pay-v1-request.schema.json',
    response: 'payloco/pay-response.schema.json',
    reading: 'P7',
  },
  payV2: {
    path: '/v2/payments/open/api/pay',
    request: 'payloco/pay-v2-request.schema.json',
    response: 'payloco/pay-response.schema.json',
  },
  query: {
    path: '/v1/payments/open/api/query',
    request: 'payloco/query-request.schema.json',
    response: 'payloco/query-response.schema.json',
    reading: 'P9',
  },
  preAuthVoid: {
    path: '/v1/payments/open/api/preAuthVoid',
    request: 'payloco/preauth-void-request.schema.json',
    response: 'payloco/preauth-void-response.schema.json',
    reading: 'P2',
  },
} as const satisfies Record<string, EndpointModel>;
