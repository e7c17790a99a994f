import type { Gateway, Level } from '../core/results.js';

// The documented requests of the profile: what each endpoint is, where its request schema lives, and which
// reading, level and doc section its derived checks cite. Data only; the cases are derived from it and the schemas.

export interface Source {
  reading: string;
  section: string;
  quote: string;
}

export interface Endpoint {
  gateway: Gateway;
  /** Catalogue endpoint name (as the hand-written checks use it). */
  name: string;
  /** Short code in generated IDs: LP-GEN-<code>-… */
  code: string;
  path: string;
  schema: string;
  capability?: string;
  /** The endpoint creates an order, so a refusal is queried back ("nothing created"). */
  creates: boolean;
  /** Fields whose requiredness the docs state (L7, the batch table); for the rest it is paycert's reading. */
  documentedRequired: boolean;
  /** HTTP 405 on a wrong method: MUST on pay-in (L4), SHOULD on payout and Payloco. */
  methodLevel: Level;
  /** HTTP 404 under the endpoint's prefix: MUST on Lesspay (L5), SHOULD on Payloco. */
  unknownPathLevel: Level;
  /** The reading a valid request of this endpoint is judged by. */
  accept: Source & { level: Level };
  /** Enum fields whose other values need other fields (a destination type needs its destination): not tried. */
  coupledEnums?: Record<string, string>;
  /** Amount fields the endpoint's query answers with, so a spelling can be compared exactly. */
  echoedAmounts?: string[];
  /** Smallest whole part of a generated valid amount (Lesspay payouts over 1000 stay in review: no callback). */
  amountFloor?: number;
}

const L1 = 'Responses with a body are JSON (`Content-Type: application/json`, charset allowed). MUST.';
const L2 =
  '`{ "code": integer, "msg": string, "data"?: object|null }`. `code` is a JSON integer (never a string), `0` means success and only success.';
const L3 =
  'A request with a missing or wrong signature, or a missing or unknown app id, gets HTTP 401 (MUST) and SHOULD carry the envelope with a non-zero code.';
const L3_SIGN =
  'Signature = uppercase hex SHA-256 (plain hash, not HMAC) of: the body\'s top-level keys with a non-empty value (not null, not `""`), sorted by ASCII, joined as `k=v` with `&`, followed by `&key=<appSecret>`. Nested objects render as `k={k1=v1&k2=v2}` (same rules, recursively); arrays as compact JSON text.';
const L4 =
  'A non-POST method on a pay-in endpoint gets HTTP 405 (MUST); on a payout endpoint 405 is SHOULD (the payout table omits 405).';
const L5 = 'Unknown path gets HTTP 404. MUST.';
const L6 =
  'Parameter errors (a required field missing, a wrong type, an amount that is not a string holding a positive decimal, a URL that is not http(s), a field over its length): non-zero `code` (MUST) … HTTP status 400 or 200 (MUST one of these) … The request creates nothing (MUST).';
const L7 =
  'Required: `request_id` (≤ 20 chars), `product_name` (≤ 30), `description` (≤ 50), `target_amount` (string), `target_currency`, `transaction_type` = `PAY_IN`, `success_url`, `fail_url` (≤ 255), `api_version` (`V1`|`V2`), `pay_access_type` (1 cashier | 2 OpenAPI). Optional: `notify_url`, `way_type`, `way_code`, `expired_time`, `channel_extra`. Success: `code` 0 and `data.pay_order_id`.';
const L8 =
  '`start_time >= end_time`, or `end_time - start_time` > 7 days (604 800 000 ms): non-zero code and `msg` exactly `Request time error`. A span of exactly 7 days is accepted. … found: `code` 0, and the order … its amount equals the created `target_amount` as a string.';
const L9 =
  'found returns `data` with `pay_order_id`, `request_id`, `order_status`, `currency`, `total_amount` (string), `fail_reason`, `created_at`. MUST.';
const L10 = 'a new payout starts in `PENDING_CONFIRM` (the name or the integer 0) (MUST)';

export const SOURCES = {
  lesspay: {
    transport: { reading: 'L1', section: 'profile L1', quote: L1 },
    envelope: { reading: 'L2', section: 'profile L2', quote: L2 },
    auth: { reading: 'L3', section: 'profile L3', quote: L3 },
    signing: { reading: 'L3', section: 'profile L3', quote: L3_SIGN },
    method: { reading: 'L4', section: 'profile L4', quote: L4 },
    path: { reading: 'L5', section: 'lesspay §5.1 HTTP status codes', quote: L5 },
    params: { reading: 'L6', section: 'profile L6', quote: L6 },
    window: { reading: 'L8', section: 'profile L8', quote: L8 },
    payoutQuery: { reading: 'L9', section: 'profile L9', quote: L9 },
  },
  payloco: {
    transport: {
      reading: 'P1',
      section: 'payloco api-reference/introduction',
      quote:
        'Every response is `Content-Type: application/json` (a charset parameter is allowed). MUST (seed).',
    },
    envelope: {
      reading: 'P2',
      section: 'payloco public-body/response',
      quote:
        '`{ "code": string of 8 digits, "message": string, "traceId": non-empty string, "data": object with "status" ∈ PENDING | SUCCESS | FAILED | CLOSED }`.',
    },
    common: {
      reading: 'P4',
      section: 'payloco public-body/request',
      quote:
        '`charset`, `version` (only `2.0.0` accepted: another value MUST fail), `transType`, `accessType`, `signType` (`RSA`), `memberId`, `merchantId` (required: missing MUST fail), `requestTime`, `keyVersion`.',
    },
    business: {
      reading: 'P9',
      section: 'paycert profile P9',
      quote:
        'Query by `merchantOrderId` or `orderId` … found returns `data.status` of the order and `merchantOrderId`, `orderId`, `currency`, `transAmt` (string).',
    },
    signing: {
      reading: 'P6',
      section: 'payloco sign-tool',
      quote:
        "Header `signature` = Base64(SHA256withRSA(raw request body bytes, UTF-8)) with the merchant's RSA private key. A missing or invalid signature MUST fail (non-success code, nothing created).",
    },
    http: {
      reading: 'P1',
      section: 'payloco api-reference/introduction',
      quote: 'a wrong method SHOULD get 405 and an unknown path SHOULD get 404.',
    },
  },
} as const;

/** Doc sections the generated checks cite that the hand-written catalogue does not. */
export const EXTRA_DOCS: Record<Gateway, Record<string, string>> = {
  lesspay: {
    'lesspay §4.3 Create Payout': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/440469670e0',
    'lesspay §4.6 Payout Supported Banks':
      'https://github.com/doopayment/payment_openapi_demo/blob/da8d3decd56c5fe5aaa1507928c8e65f25b671d2/lesspay2-api-demo-java/src/test/java/com/dpe/lesspay2/demo/example/payout/PayoutBankExample.java',
    'lesspay §4.7 Payout balance':
      'https://github.com/doopayment/payment_openapi_demo/blob/da8d3decd56c5fe5aaa1507928c8e65f25b671d2/lesspay2-api-demo-java/src/test/java/com/dpe/lesspay2/demo/example/payout/waycode/PayoutAwePayExample.java',
  },
  payloco: {},
};

const lesspayPayout = { capability: 'payout', methodLevel: 'SHOULD', unknownPathLevel: 'MUST' } as const;

export const ENDPOINTS: Endpoint[] = [
  {
    gateway: 'lesspay',
    name: 'create-order',
    code: 'CO',
    path: '/api/global/v1/pay/create-order',
    schema: 'lesspay/pay-in-create-request.schema.json',
    capability: 'payin',
    creates: true,
    documentedRequired: true,
    methodLevel: 'MUST',
    unknownPathLevel: 'MUST',
    accept: { reading: 'L7', section: 'profile L7', quote: L7, level: 'MUST' },
    echoedAmounts: ['target_amount'],
  },
  {
    gateway: 'lesspay',
    name: 'query-order',
    code: 'QO',
    path: '/api/global/v1/pay/query-order',
    schema: 'lesspay/pay-in-query-request.schema.json',
    capability: 'payin',
    creates: false,
    documentedRequired: true,
    methodLevel: 'MUST',
    unknownPathLevel: 'MUST',
    accept: { reading: 'L8', section: 'profile L8', quote: L8, level: 'MUST' },
  },
  {
    gateway: 'lesspay',
    name: 'payout-create',
    code: 'PO',
    path: '/api/global/payout/create-order',
    schema: 'lesspay/payout-create-request.schema.json',
    ...lesspayPayout,
    creates: true,
    documentedRequired: false,
    accept: { reading: 'L10', section: 'lesspay §4.3 Create Payout', quote: L10, level: 'MUST' },
    coupledEnums: {
      'beneficiary.destination.type': 'each destination type needs its own destination object',
    },
    echoedAmounts: ['amount'],
    amountFloor: 1001,
  },
  {
    gateway: 'lesspay',
    name: 'payout-batch',
    code: 'PB',
    path: '/api/global/payout/batch/create-order',
    schema: 'lesspay/payout-batch-create-request.schema.json',
    ...lesspayPayout,
    creates: true,
    documentedRequired: true,
    accept: { reading: 'L10', section: 'profile L10', quote: L10, level: 'MUST' },
    coupledEnums: {
      destination_type: 'each destination type needs its own account fields in every detail',
      'payout_order_details.0.destination_type': 'each destination type needs its own account fields',
    },
    echoedAmounts: ['total_amount'],
    amountFloor: 1001,
  },
  {
    gateway: 'lesspay',
    name: 'payout-query',
    code: 'PQ',
    path: '/api/global/payout/query',
    schema: 'lesspay/payout-query-request.schema.json',
    ...lesspayPayout,
    creates: false,
    documentedRequired: true,
    accept: { reading: 'L9', section: 'profile L9', quote: L9, level: 'MUST' },
  },
  {
    gateway: 'lesspay',
    name: 'payout-banks',
    code: 'BK',
    path: '/api/global/payout/bank',
    schema: 'lesspay/payout-bank-request.schema.json',
    ...lesspayPayout,
    creates: false,
    documentedRequired: false,
    accept: {
      reading: 'L2',
      section: 'lesspay §4.6 Payout Supported Banks',
      quote: 'Example body: `bank_country_code="PH"`, `currency="PHP"`, `way_code="TAZAPAY_PAYOUT"`.',
      level: 'SHOULD',
    },
  },
  {
    gateway: 'lesspay',
    name: 'payout-balance',
    code: 'BAL',
    path: '/api/global/payout/balance',
    schema: 'lesspay/payout-balance-request.schema.json',
    ...lesspayPayout,
    creates: false,
    documentedRequired: false,
    accept: {
      reading: 'L2',
      section: 'lesspay §4.7 Payout balance',
      quote:
        'Body `{"currency": "<ccy>", "way_code": "<WAY_CODE>"}`, e.g. `currency "IDR"`, `way_code "AWEPAY_PAYOUT"`.',
      level: 'SHOULD',
    },
  },
  {
    gateway: 'payloco',
    name: 'pay',
    code: 'PAY',
    path: '/v1/payments/open/api/pay',
    schema: 'payloco/pay-v1-request.schema.json',
    creates: true,
    documentedRequired: false,
    methodLevel: 'SHOULD',
    unknownPathLevel: 'SHOULD',
    accept: {
      reading: 'P7',
      section: 'payloco acquiring/payment',
      quote: 'Active QR (`payMode` `QRCODE` …): code `00000003`, status `PENDING`. MUST.',
      level: 'MUST',
    },
    echoedAmounts: ['transAmt'],
  },
  {
    gateway: 'payloco',
    name: 'query',
    code: 'QRY',
    path: '/v1/payments/open/api/query',
    schema: 'payloco/query-request.schema.json',
    creates: false,
    documentedRequired: false,
    methodLevel: 'SHOULD',
    unknownPathLevel: 'SHOULD',
    accept: { ...SOURCES.payloco.business, level: 'MUST' },
  },
  {
    gateway: 'payloco',
    name: 'pre-auth-void',
    code: 'VOID',
    path: '/v1/payments/open/api/preAuthVoid',
    schema: 'payloco/preauth-void-request.schema.json',
    creates: false,
    documentedRequired: false,
    methodLevel: 'SHOULD',
    unknownPathLevel: 'SHOULD',
    accept: {
      reading: 'P3',
      section: 'payloco pre-auth-reversal',
      quote: '"00000000" = success; "00000003" = accepted … Any other code is a failure.',
      level: 'SHOULD',
    },
  },
  {
    gateway: 'payloco',
    name: 'pay-v2',
    code: 'PAY2',
    path: '/v2/payments/open/api/pay',
    schema: 'payloco/pay-v2-request.schema.json',
    creates: true,
    documentedRequired: false,
    methodLevel: 'SHOULD',
    unknownPathLevel: 'SHOULD',
    accept: {
      reading: 'P1',
      section: 'payloco acquiring/payment',
      quote: '`/v2/payments/open/api/pay`, business fields nested in `data`.',
      level: 'SHOULD',
    },
    echoedAmounts: ['data.totalAmount'],
  },
];

export function endpointsOf(gateway: Gateway): Endpoint[] {
  return ENDPOINTS.filter((e) => e.gateway === gateway);
}
