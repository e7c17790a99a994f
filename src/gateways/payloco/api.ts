import type { GatewayApi } from '../api.js';
import { endpoints } from './endpoints.js';

// Payloco's API as its OpenAPI document describes it (src/openapi builds the document).

const PL_DOCS = 'https://doc2.payloco.com/';

export const api: GatewayApi = {
  gateway: 'payloco',
  title: 'Payloco gateway API (as paycert reads it)',
  okDescription:
    'OK: the unified envelope. "00000000" success, "00000003" awaiting payment, any other code a failure.',
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
      path: endpoints.pay.path,
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
      path: endpoints.payV2.path,
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
      path: endpoints.query.path,
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
      path: endpoints.preAuthVoid.path,
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
