import type { Gateway } from '../../src/core/results.js';

// What the OpenAPI documents say beyond the schemas: each gateway's operations, which schema (by path below
// schemas/) is each body, where the vendor documents it, and its security headers. The schemas themselves are only
// ever referenced, never copied.

export interface Operation {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  docs: string;
  request: string;
  /** Answers with code success (200): any of these schemas. */
  success: string[];
  /** Business errors answered in the envelope, documented with the same statuses as success. */
  businessError: string;
}

export interface Webhook {
  name: string;
  summary: string;
  description: string;
  docs: string;
  body: string;
  headers: { name: string; description: string; pattern?: string }[];
  ack: { schema: string; mediaType: string; description: string };
}

export interface GatewayApi {
  gateway: Gateway;
  title: string;
  description: string;
  server: { url: string; description: string };
  docs: string;
  tags: { name: string; description: string }[];
  /** The HTTP status table of the docs: every non-200 row becomes a documented error response. */
  statusTables: Record<string, string>;
  securitySchemes: Record<string, { name: string; description: string }>;
  /** Headers every request carries that are not credentials (e.g. a timestamp). */
  requestHeaders: { name: string; description: string; pattern: string }[];
  /** Headers the gateway may put on its answers (e.g. its own signature). */
  responseHeaders: { name: string; description: string }[];
  operations: Operation[];
  webhooks: Webhook[];
  /** Statuses the profile reads beyond the documented table (SHOULD), with their meaning. */
  extraStatuses: Record<string, string>;
}

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

export const lesspayApi: GatewayApi = {
  gateway: 'lesspay',
  title: 'Lesspay 2.0 API (as paycert reads it)',
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
      path: '/api/global/v1/pay/create-order',
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
      path: '/api/global/v1/pay/query-order',
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
      path: '/api/global/payout/create-order',
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
      path: '/api/global/payout/batch/create-order',
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
      path: '/api/global/payout/query',
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
      path: '/api/global/payout/bank',
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

const PL_DOCS = 'https://doc2.payloco.com/';

export const paylocoApi: GatewayApi = {
  gateway: 'payloco',
  title: 'Payloco gateway API (as paycert reads it)',
  description:
    'The Payloco (doc2) acquiring API, described from the vendor documentation by paycert. Every body is a JSON ' +
    'Schema of paycert-schemas; the conformance profile (readings P1–P10, docs/profile.md in paycert) says how ' +
    'ambiguous passages are read. Every answer is the unified envelope: `code` "00000000" is success, "00000003" ' +
    'accepted and awaiting payment, any other code a failure with data.status FAILED.',
  server: { url: 'https://gate.uat.payloco.com/gateway', description: 'Payloco sandbox (UAT)' },
  docs: `${PL_DOCS}api-reference/introduction`,
  tags: [{ name: 'acquiring', description: 'Payments, transaction queries and pre-authorization voids.' }],
  statusTables: {},
  securitySchemes: {
    signature: {
      name: 'signature',
      description:
        'Base64 of SHA256withRSA over the raw request body bytes (UTF-8), with the merchant RSA private key ' +
        '(PKCS#8, at least 2048 bits) (P6). The gateway signs its answer the same way with the platform key.',
    },
  },
  requestHeaders: [],
  responseHeaders: [
    {
      name: 'signature',
      description:
        "The gateway's signature of the raw response body: Base64 of SHA256withRSA with the platform key. Sent when " +
        "the request's signature verified; when present it SHOULD verify with the platform public key (P6).",
    },
  ],
  operations: [
    {
      path: '/v1/payments/open/api/pay',
      operationId: 'payV1',
      summary: 'Pay (v1)',
      description:
        'P7, P8. Active QR (payMode QRCODE) answers 00000003 PENDING; a passive scan (authCode) answers SUCCESS or ' +
        'PENDING. transType is required (else 22070030).',
      tag: 'acquiring',
      docs: `${PL_DOCS}api-reference/acquiring/payment`,
      request: 'payloco/pay-v1-request.schema.json',
      success: ['payloco/pay-response.schema.json'],
      businessError: 'payloco/envelope.schema.json',
    },
    {
      path: '/v2/payments/open/api/pay',
      operationId: 'payV2',
      summary: 'Pay (v2)',
      description: 'P1. The business fields are nested in data; no transType.',
      tag: 'acquiring',
      docs: `${PL_DOCS}api-reference/acquiring/payment`,
      request: 'payloco/pay-v2-request.schema.json',
      success: ['payloco/pay-response.schema.json'],
      businessError: 'payloco/envelope.schema.json',
    },
    {
      path: '/v1/payments/open/api/query',
      operationId: 'queryTransaction',
      summary: 'Query a transaction',
      description: 'P9. By merchantOrderId or orderId; an unknown order is a failure code.',
      tag: 'acquiring',
      docs: `${PL_DOCS}api-reference/acquiring/transaction-query`,
      request: 'payloco/query-request.schema.json',
      success: ['payloco/query-response.schema.json'],
      businessError: 'payloco/envelope.schema.json',
    },
    {
      path: '/v1/payments/open/api/preAuthVoid',
      operationId: 'voidPreAuthorization',
      summary: 'Void a pre-authorization',
      description: 'P1. No transType.',
      tag: 'acquiring',
      docs: `${PL_DOCS}api-reference/other-transactions/pre-auth-reversal`,
      request: 'payloco/preauth-void-request.schema.json',
      success: ['payloco/preauth-void-response.schema.json'],
      businessError: 'payloco/envelope.schema.json',
    },
  ],
  webhooks: [
    {
      name: 'paymentEvent',
      summary: 'Payment event',
      description:
        'P10. POSTed to the webhook subscription; the event id is stable across retries, and anything but the ' +
        'acknowledgement is retried.',
      docs: `${PL_DOCS}webhooks/signature`,
      body: 'payloco/webhook.schema.json',
      headers: [
        {
          name: 'x-signature',
          description: 'Hex HMAC-SHA256 of the raw body with the webhook secret.',
          pattern: '^[0-9a-fA-F]{64}$',
        },
        { name: 'x-timestamp', description: 'Milliseconds since the epoch.', pattern: '^[0-9]+$' },
      ],
      ack: {
        schema: 'payloco/webhook-ack.schema.json',
        mediaType: 'application/json',
        description: 'HTTP 200 with {"code":"00000000","message":"Success"}; anything else is retried.',
      },
    },
  ],
  // "Standard HTTP response codes" (introduction) and the profile's SHOULDs: the body is the unified envelope.
  extraStatuses: {
    '404': 'Not Found: an unknown path (SHOULD, P1).',
    '405': 'Method Not Allowed: a method other than POST (SHOULD, P1).',
  },
};

export const APIS: Record<Gateway, GatewayApi> = { lesspay: lesspayApi, payloco: paylocoApi };
