import type { Gateway, Level } from '../core/results.js';

// The documented requests of the profile: what each endpoint is, where its request schema lives, and which
// reading, level and doc section its derived checks cite. Data only; the cases are derived from it and the schemas.

export interface Source {
  reading: string;
  section: string;
  /** The one clause of the reading the checks enforce, where the reading's quote alone would not say it. */
  clause?: string;
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
  /**
   * Members the generator does not walk, with the reason the coverage table shows (`x.*`: the members of x): objects
   * read only for another destination type or channel than the valid body uses, where a target that ignores them
   * is conformant.
   */
  notWalked?: Record<string, string>;
  /** Amount fields the endpoint's query answers with, so a spelling can be compared exactly. */
  echoedAmounts?: string[];
  /** Smallest whole part of a generated valid amount (Lesspay payouts over 1000 stay in review: no callback). */
  amountFloor?: number;
}

export const SOURCES = {
  lesspay: {
    transport: { reading: 'L1', section: 'profile L1' },
    envelope: { reading: 'L2', section: 'profile L2' },
    auth: { reading: 'L3', section: 'profile L3' },
    signing: { reading: 'L3', section: 'profile L3' },
    method: { reading: 'L4', section: 'profile L4' },
    path: { reading: 'L5', section: 'lesspay §5.1 HTTP status codes' },
    params: { reading: 'L6', section: 'profile L6' },
    window: { reading: 'L8', section: 'profile L8' },
    payoutQuery: { reading: 'L9', section: 'profile L9' },
  },
  payloco: {
    transport: {
      reading: 'P1',
      section: 'payloco api-reference/introduction',
    },
    envelope: {
      reading: 'P2',
      section: 'payloco public-body/response',
    },
    common: {
      reading: 'P4',
      section: 'payloco public-body/request',
    },
    business: {
      reading: 'P9',
      section: 'paycert profile P9',
    },
    signing: {
      reading: 'P6',
      section: 'payloco sign-tool',
    },
    http: {
      reading: 'P1',
      section: 'payloco api-reference/introduction',
      clause: 'a wrong method SHOULD get 405 and an unknown path SHOULD get 404.',
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
    accept: { reading: 'L7', section: 'profile L7', level: 'MUST' },
    notWalked: {
      'channel_extra.*':
        'channel_extra is read for card payments in OpenAPI mode (lesspay §4.1); the valid body is a cashier order, which a target may create without reading it',
    },
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
    accept: { reading: 'L8', section: 'profile L8', level: 'MUST' },
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
    accept: { reading: 'L10', section: 'lesspay §4.3 Create Payout', level: 'MUST' },
    coupledEnums: {
      'beneficiary.destination.type': 'each destination type needs its own destination object',
    },
    notWalked: {
      'beneficiary.destination.crypto_wallet':
        'read only for destination type crypto_wallet; the valid body pays to a bank account',
      'beneficiary.destination.e_wallet':
        'read only for destination type ewallet; the valid body pays to a bank account',
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
    accept: { reading: 'L10', section: 'profile L10', level: 'MUST' },
    coupledEnums: {
      destination_type: 'each destination type needs its own account fields in every detail',
      'payout_order_details[].destination_type': 'each destination type needs its own account fields',
    },
    notWalked: {
      'payout_order_details[].crypto_wallet':
        'read only for a crypto_wallet detail; the valid details pay to bank accounts',
      'payout_order_details[].e_wallet':
        'read only for an ewallet detail; the valid details pay to bank accounts',
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
    accept: { reading: 'L9', section: 'profile L9', level: 'MUST' },
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
      clause: 'Example body: `bank_country_code="PH"`, `currency="PHP"`, `way_code="TAZAPAY_PAYOUT"`.',
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
      clause:
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
      clause: 'Active QR (`payMode` `QRCODE` …): code `00000003`, status `PENDING`. MUST.',
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
      clause: '"00000000" = success; "00000003" = accepted … Any other code is a failure.',
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
      clause: '`/v2/payments/open/api/pay`, business fields nested in `data`.',
      level: 'SHOULD',
    },
    echoedAmounts: ['data.totalAmount'],
  },
];

export function endpointsOf(gateway: Gateway): Endpoint[] {
  return ENDPOINTS.filter((e) => e.gateway === gateway);
}
