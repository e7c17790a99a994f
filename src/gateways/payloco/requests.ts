import type { Endpoint } from '../requests.js';
import { endpoints } from './endpoints.js';

// Payloco's documented requests, as data: the generated checks are derived from these and the request schemas.

export const requests: Endpoint[] = [
  {
    gateway: 'payloco',
    name: 'pay',
    code: 'PAY',
    path: endpoints.pay.path,
    schema: endpoints.pay.request,
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
    path: endpoints.query.path,
    schema: endpoints.query.request,
    creates: false,
    documentedRequired: false,
    methodLevel: 'SHOULD',
    unknownPathLevel: 'SHOULD',
    accept: { reading: 'P9', section: 'paycert profile P9', level: 'MUST' },
  },
  {
    gateway: 'payloco',
    name: 'pre-auth-void',
    code: 'VOID',
    path: endpoints.preAuthVoid.path,
    schema: endpoints.preAuthVoid.request,
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
    path: endpoints.payV2.path,
    schema: endpoints.payV2.request,
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
