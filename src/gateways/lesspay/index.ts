import { lesspayMistakes } from '../../signing/mistakes.js';
import { type GatewayModel, shippedLocations } from '../model.js';
import type { LesspayCredentials } from '../types.js';
import { lesspay as adapter } from './adapter.js';
import { api } from './api.js';
import { card } from './card.js';
import { credentials } from './credentials.js';
import { endpoints } from './endpoints.js';
import { generation } from './generation.js';
import { extraDocs, requests } from './requests.js';
import { scenarios } from './scenarios.js';

// Lesspay 2.0: pay-in and payout over POST + JSON, signed with the app secret (docs/profile.md L1–L11).

export const gateway: GatewayModel = {
  name: card.name,
  displayName: card.displayName,
  idPrefixes: ['LP', 'LPW', 'LPC', 'LPH'],
  readingPrefix: 'L',
  readings: { envelope: 'L2' },
  endpoints,
  requests,
  generation,
  extraDocs,
  api,
  credentials,
  smoke: {
    request: () => ({ path: endpoints.queryPayin.path, body: { request_id: 'PCSMOKE0000' } }),
  },
  signing: {
    header: 'x-auth-signature',
    // An empty member and keys out of ASCII order, so that every L3 mistake signs a string of its own.
    diagnosisRequest: () => ({
      path: endpoints.queryPayin.path,
      body: { request_id: 'PCDIAG0000', pay_order_id: '', page_size: '20', page: '1' },
    }),
    mistakes: (creds, body) => lesspayMistakes(body, (creds as LesspayCredentials).appSecret),
    refusesWith401: true,
  },
  hosts: {
    domains: ['doopayment.com'],
    sandboxes: ['lesspay2-pay-uat.doopayment.com', 'sandbox-gateway.doopayment.com'],
  },
  webhookAnswers: {
    ack: { contentType: 'text/plain; charset=utf-8', body: 'SUCCESS' },
    refusal: { contentType: 'text/plain; charset=utf-8', body: 'FAIL' },
  },
  webhookSigning: { only: 'Lesspay callbacks are signed as L3 says' },
  adapter,
  locations: shippedLocations('lesspay'),
  scenarios,
};
