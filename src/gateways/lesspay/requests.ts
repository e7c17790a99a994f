import type { Endpoint } from '../requests.js';
import { endpoints } from './endpoints.js';

// Lesspay's documented requests, as data: the generated checks are derived from these and the request schemas.

const lesspayPayout = { capability: 'payout', methodLevel: 'SHOULD', unknownPathLevel: 'MUST' } as const;

export const requests: Endpoint[] = [
  {
    gateway: 'lesspay',
    name: 'create-order',
    code: 'CO',
    path: endpoints.createPayin.path,
    schema: endpoints.createPayin.request,
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
    path: endpoints.queryPayin.path,
    schema: endpoints.queryPayin.request,
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
    path: endpoints.createPayout.path,
    schema: endpoints.createPayout.request,
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
    path: endpoints.createBatchPayout.path,
    schema: endpoints.createBatchPayout.request,
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
    path: endpoints.queryPayout.path,
    schema: endpoints.queryPayout.request,
    ...lesspayPayout,
    creates: false,
    documentedRequired: true,
    accept: { reading: 'L9', section: 'profile L9', level: 'MUST' },
  },
  {
    gateway: 'lesspay',
    name: 'payout-banks',
    code: 'BK',
    path: endpoints.payoutBanks.path,
    schema: endpoints.payoutBanks.request,
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
    path: endpoints.payoutBalance.path,
    schema: endpoints.payoutBalance.request,
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
];

/** Doc sections the generated checks cite that the hand-written catalogue does not. */
export const extraDocs: Record<string, string> = {
  'lesspay §4.3 Create Payout': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/440469670e0',
  'lesspay §4.6 Payout Supported Banks':
    'https://github.com/doopayment/payment_openapi_demo/blob/da8d3decd56c5fe5aaa1507928c8e65f25b671d2/lesspay2-api-demo-java/src/test/java/com/dpe/lesspay2/demo/example/payout/PayoutBankExample.java',
  'lesspay §4.7 Payout balance':
    'https://github.com/doopayment/payment_openapi_demo/blob/da8d3decd56c5fe5aaa1507928c8e65f25b671d2/lesspay2-api-demo-java/src/test/java/com/dpe/lesspay2/demo/example/payout/waycode/PayoutAwePayExample.java',
};
