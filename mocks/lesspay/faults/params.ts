import type { FaultSet } from './types.js';
import { editBody } from './types.js';

export const paramFaults: FaultSet = {
  'param-error-code-zero': {
    reading: 'L6',
    level: 'MUST',
    description: 'Invalid input is answered HTTP 200 with code 0 (nothing is created).',
    respond: (out, { reply }) =>
      reply.outcome === 'param'
        ? editBody({ ...out, status: 200 }, (b) => Object.assign(b, { code: 0, msg: 'SUCCESS', data: null }))
        : out,
  },
  'param-error-http-500': {
    reading: 'L6',
    level: 'MUST',
    description: 'Parameter errors are answered HTTP 500 (envelope unchanged).',
    respond: (out, { reply }) => (reply.outcome === 'param' ? { ...out, status: 500 } : out),
  },
  'param-error-http-422': {
    reading: 'L6',
    level: 'MUST',
    description: 'Parameter errors are answered HTTP 422, neither 400 nor 200.',
    respond: (out, { reply }) => (reply.outcome === 'param' ? { ...out, status: 422 } : out),
  },
  'param-error-creates-order': {
    reading: 'L6',
    level: 'MUST',
    description: 'An invalid pay-in create is refused with code 11 but the order is stored anyway.',
    flags: { createOnParamError: true },
  },
  'param-error-code-not-11': {
    reading: 'L6',
    level: 'SHOULD',
    description: 'Parameter errors use code 9999 instead of 11 (payout: 30000/30009).',
    respond: (out, { reply }) => (reply.outcome === 'param' ? editBody(out, (b) => (b.code = 9999)) : out),
  },
  'long-request-id-accepted': {
    reading: 'L6',
    level: 'MUST',
    description: 'A pay-in request_id longer than 20 characters is accepted (limit 64).',
    flags: { payinRequestIdMax: 64 },
  },
  'amount-number-accepted': {
    reading: 'L6',
    level: 'MUST',
    description: 'An amount sent as a JSON number (target_amount: 100) is accepted.',
    flags: { amountNumbersAccepted: true },
  },
  'zero-amount-accepted': {
    reading: 'L6',
    level: 'MUST',
    description: 'An amount of "0.00" is accepted (not a positive decimal).',
    flags: { zeroAmountAccepted: true },
  },
  'non-http-url-accepted': {
    reading: 'L6',
    level: 'MUST',
    description:
      'success_url / fail_url / notify_url with a non-http(s) scheme (ftp:, javascript:) are accepted.',
    flags: { nonHttpUrlsAccepted: true },
  },
  'missing-description-accepted': {
    reading: 'L6',
    level: 'MUST',
    description: 'A pay-in create without the required description is accepted.',
    flags: { descriptionRequired: false },
  },
  'wrong-type-accepted': {
    reading: 'L6',
    level: 'MUST',
    description: 'pay_access_type sent as a string ("1") is accepted instead of refused as a wrong type.',
    flags: { payAccessTypeStringAccepted: true },
  },
  'bad-json-500': {
    reading: 'L6',
    level: 'MUST',
    description:
      'A body that is not a JSON object is answered HTTP 500 (code 10) instead of a parameter error.',
    flags: { badJsonCrashes: true },
  },
};
