import type { GatewayApi, Webhook } from '../api.js';
import { endpoints } from './endpoints.js';

// Lesspay's API as its OpenAPI document describes it (src/openapi builds the document).

const LP_DOCS = 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/';

/** Pay-in and payout callbacks are signed and acknowledged alike (L11). */
const LP_WEBHOOK_HEADERS: Webhook['headers'] = [
  { name: 'x-auth-signature', description: 'Signature of the body as in L3, with the app secret.' },
];
const LP_WEBHOOK_ACK: Webhook['ack'] = {
  schema: 'lesspay/webhook-ack.schema.json',
  mediaType: 'text/plain',
  description: 'The merchant acknowledges with the body text SUCCESS; anything else is retried.',
};

export const api: GatewayApi = {
  gateway: 'lesspay',
  title: 'Lesspay 2.0 API (as paycert reads it)',
  okDescription:
    'OK: the envelope. `code` 0 is success; any other code is a business error of the code table.',
  description:
    'The Lesspay 2.0 pay-in and payout API, described from the vendor documentation by paycert. Every body is a ' +
    'JSON Schema of paycert-schemas; the conformance profile (readings L1–L11, docs/profile.md in paycert) says ' +
    'how ambiguous passages are read. Business errors come in the envelope: `code` 0 is success, any other value ' +
    'an error of the business code table, with HTTP 200 or 400 (L6).',
  server: { url: 'https://lesspay2-pay-uat.doopayment.com', description: 'Lesspay sandbox (UAT)' },
  docs: `${LP_DOCS}7768724m0`,
  tags: [
    { name: 'pay-in', description: 'Pay-in orders: create (cashier or OpenAPI) and query.' },
    { name: 'payout', description: 'Payouts: single and batch create, and query.' },
  ],
  statusTables: {
    'pay-in': 'lesspay/http-status.schema.json',
    payout: 'lesspay/payout-http-status.schema.json',
  },
  securitySchemes: {
    appId: {
      name: 'x-auth-appid',
      description: 'The merchant app id (L3). Header names are case-insensitive.',
    },
    signature: {
      name: 'x-auth-signature',
      description:
        "Uppercase hex SHA-256 (a plain hash, not HMAC) of the body's top-level keys with a non-empty value, sorted " +
        'by ASCII, joined as k=v with &, followed by &key=<appSecret>; nested objects render as k={k1=v1&…}, ' +
        'arrays as compact JSON. An empty body signs key=<appSecret> (L3). A missing or wrong signature gets 401.',
    },
  },
  requestHeaders: [
    {
      name: 'X-Auth-Timestamp',
      description: 'Milliseconds since the epoch, 13 digits (L3). Its tolerance is undocumented.',
      pattern: '^[0-9]{13}$',
    },
  ],
  responseHeaders: [],
  operations: [
    {
      path: endpoints.createPayin.path,
      operationId: 'createPayIn',
      summary: 'Create a pay-in order',
      description:
        'L7. With pay_access_type 1 (cashier) the answer carries data.checkout_url; a second create with the same ' +
        'request_id gets code 1201 and leaves the first order unchanged.',
      tag: 'pay-in',
      docs: `${LP_DOCS}7883829m0`,
      request: 'lesspay/pay-in-create-request.schema.json',
      success: ['lesspay/pay-in-create-response.schema.json'],
      businessError: 'lesspay/pay-in-envelope.schema.json',
    },
    {
      path: endpoints.queryPayin.path,
      operationId: 'queryPayIn',
      summary: 'Query a pay-in order',
      description:
        'L8. By request_id and/or pay_order_id; the order is data itself or an element of an array inside data. ' +
        'Errors carry one of three exact msg values.',
      tag: 'pay-in',
      docs: `${LP_DOCS}393710783e0`,
      request: 'lesspay/pay-in-query-request.schema.json',
      success: ['lesspay/pay-in-query-response.schema.json'],
      businessError: 'lesspay/pay-in-query-error.schema.json',
    },
    {
      path: endpoints.createPayout.path,
      operationId: 'createPayout',
      summary: 'Create a single payout',
      description: 'L10. A new payout starts in PENDING_CONFIRM; a duplicate request_id gets 30011.',
      tag: 'payout',
      docs: `${LP_DOCS}7883830m0`,
      request: 'lesspay/payout-create-request.schema.json',
      success: ['lesspay/payout-create-response.schema.json'],
      businessError: 'lesspay/payout-envelope.schema.json',
    },
    {
      path: endpoints.createBatchPayout.path,
      operationId: 'createPayoutBatch',
      summary: 'Create a batch payout',
      description:
        'L10. total_amount must equal the sum of the detail amounts (else 30002); mch_order_id is unique in a ' +
        'batch (else 30007).',
      tag: 'payout',
      docs: `${LP_DOCS}8231140m0`,
      request: 'lesspay/payout-batch-create-request.schema.json',
      success: ['lesspay/payout-create-response.schema.json'],
      businessError: 'lesspay/payout-envelope.schema.json',
    },
    {
      path: endpoints.queryPayout.path,
      operationId: 'queryPayout',
      summary: 'Query a payout',
      description: 'L9. By request_id and/or pay_order_id; an unknown payout gets a non-zero code (30020).',
      tag: 'payout',
      docs: `${LP_DOCS}393710786e0`,
      request: 'lesspay/payout-query-request.schema.json',
      success: ['lesspay/payout-query-response.schema.json'],
      businessError: 'lesspay/payout-envelope.schema.json',
    },
    {
      path: endpoints.payoutBanks.path,
      operationId: 'listPayoutBanks',
      summary: 'List the banks a payout can go to',
      description: 'The supported banks of a country, currency and way code.',
      tag: 'payout',
      docs: `${LP_DOCS}7883830m0`,
      request: 'lesspay/payout-bank-request.schema.json',
      success: ['lesspay/payout-envelope.schema.json'],
      businessError: 'lesspay/payout-envelope.schema.json',
    },
  ],
  webhooks: [
    {
      name: 'payInNotification',
      summary: 'Pay-in status notification',
      description:
        "L11. POSTed to the order's notify_url, signed as requests are (for api_version v1 without api_version, " +
        'order_status_int, channel_biz_data, event and event_data). Unacknowledged callbacks are retried.',
      docs: `${LP_DOCS}7883829m0`,
      body: 'lesspay/pay-in-webhook.schema.json',
      headers: LP_WEBHOOK_HEADERS,
      ack: LP_WEBHOOK_ACK,
    },
    {
      name: 'payoutNotification',
      summary: 'Payout batch notification',
      description: 'L11. POSTed to the payout notify_url once the batch is final.',
      docs: `${LP_DOCS}7883830m0`,
      body: 'lesspay/payout-webhook.schema.json',
      headers: LP_WEBHOOK_HEADERS,
      ack: LP_WEBHOOK_ACK,
    },
  ],
  extraStatuses: {},
};
