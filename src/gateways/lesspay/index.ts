import { lesspayMistakes } from '../../signing/mistakes.js';
import type { GatewayModel } from '../model.js';
import type { LesspayCredentials } from '../types.js';
import { lesspay as adapter } from './adapter.js';
import { credentials } from './credentials.js';

// Lesspay 2.0: pay-in and payout over POST + JSON, signed with the app secret (docs/profile.md L1–L11).

const PAYIN_QUERY = '/api/global/v1/pay/query-order';

export const gateway: GatewayModel = {
  name: 'lesspay',
  displayName: 'Lesspay 2.0',
  idPrefixes: ['LP', 'LPW', 'LPC', 'LPH'],
  readingPrefix: 'L',
  readings: { envelope: 'L2' },
  endpoints: {
    createPayin: {
      path: '/api/global/v1/pay/create-order',
      request: 'lesspay/pay-in-create-request.schema.json',
      response: 'lesspay/pay-in-create-response.schema.json',
    },
    queryPayin: {
      path: PAYIN_QUERY,
      request: 'lesspay/pay-in-query-request.schema.json',
      response: 'lesspay/pay-in-query-response.schema.json',
    },
    createPayout: {
      path: '/api/global/payout/create-order',
      request: 'lesspay/payout-create-request.schema.json',
      response: 'lesspay/payout-create-response.schema.json',
    },
    createBatchPayout: {
      path: '/api/global/payout/batch/create-order',
      request: 'lesspay/payout-batch-create-request.schema.json',
      response: 'lesspay/payout-create-response.schema.json',
    },
    queryPayout: {
      path: '/api/global/payout/query',
      request: 'lesspay/payout-query-request.schema.json',
      response: 'lesspay/payout-query-response.schema.json',
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
  },
  credentials,
  smoke: {
    request: () => ({ path: PAYIN_QUERY, body: { request_id: 'PCSMOKE0000' } }),
  },
  signing: {
    header: 'x-auth-signature',
    // An empty member and keys out of ASCII order, so that every L3 mistake signs a string of its own.
    diagnosisRequest: () => ({
      path: PAYIN_QUERY,
      body: { request_id: 'PCDIAG0000', pay_order_id: '', page_size: '20', page: '1' },
    }),
    mistakes: (creds, body) => lesspayMistakes(body, (creds as LesspayCredentials).appSecret),
    refusesWith401: true,
  },
  webhookAnswers: {
    ack: { contentType: 'text/plain; charset=utf-8', body: 'SUCCESS' },
    refusal: { contentType: 'text/plain; charset=utf-8', body: 'FAIL' },
  },
  adapter,
  locations: {
    mock: 'mocks/lesspay',
    probes: 'suites/probes/lesspay',
    catalogue: { dir: 'suites/catalogue', main: 'lesspay' },
  },
};
