import { randomFillSync, randomInt } from 'node:crypto';
import { codes, transTypeMissingMessage } from './codes.js';
import type { Behaviour, Variant } from './types.js';

export const variants = ['a', 'b', 'c', 'd', 'e'] as const;

// One CSPRNG fill serves 512 trace ids: randomBytes(8) per answer is a crypto job of its own (about 1 % of a request).
const tracePool = Buffer.alloc(4096);
let traceUsed = tracePool.length;
const hexTraceId = () => {
  if (traceUsed === tracePool.length) {
    randomFillSync(tracePool);
    traceUsed = 0;
  }
  traceUsed += 8;
  return tracePool.toString('hex', traceUsed - 8, traceUsed);
};
// Like the table's example 7457794513993866186: 19 decimal digits.
const decimalTraceId = () =>
  `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;

const conformant: Behaviour = {
  variant: 'a',
  scanPage: 'buttons',
  basePath: '',
  contentType: 'application/json',
  failureHttpStatus: 200,
  authFailureHttpStatus: 200,
  methodNotAllowedStatus: 405,
  notFoundStatus: 404,
  successMessage: 'SUCCESS',
  pendingMessage: 'PROCESSING',
  voidMessage: '处理中',
  extraMembers: false,
  traceId: hexTraceId,
  micropayTimesOut: false,
  pendingQueryCode: '00000000',
  pendingCompleteTime: 'null',

  signatureInput: 'raw',
  signatureHash: 'sha256',
  enforceSignature: true,
  createOnBadSignature: false,
  checkVersion: true,
  requireVersion: true,
  requireMerchantId: true,
  acceptQueryStringParams: false,
  requireTransType: true,
  transTypeEverywhere: false,
  queryLookup: { byOrderId: true, byMerchantOrderId: true },
  transTypeError: { code: codes.transTypeMissing, message: transTypeMissingMessage },
  rejectDuplicates: true,
  unknownOrderFails: true,
  qrSettlesImmediately: false,
  micropayDeclines: false,
  serverErrorOnValid: false,
  unchecked: [],
  responseSignature: 'valid',
  rewriteEnvelope: (envelope) => envelope,

  missingEndpoints: {},

  webhookSignature: 'hmac',
  webhookSignedText: 'body',
  webhookBody: 'event',
  webhookRetries: true,
  webhookStableId: true,
  webhookAckNeedsCode: true,
};

/** Variant b takes the other open choice wherever the profile allows one. */
const variantB: Behaviour = {
  ...conformant,
  variant: 'b',
  basePath: '/gateway',
  contentType: 'application/json; charset=utf-8',
  failureHttpStatus: 400,
  authFailureHttpStatus: 401,
  successMessage: 'Success',
  pendingMessage: '处理中',
  voidMessage: 'Processing',
  extraMembers: true,
  traceId: decimalTraceId,
  micropayTimesOut: true,
  pendingQueryCode: '00000003',
  pendingCompleteTime: 'omit',
  // The overview's reading of P10: the HMAC covers the request timestamp and the body.
  webhookSignedText: 'timestamp-dot-body',
};

/** Variants c, d and e: a's or b's API behind wallet pages of other shapes. */
const byVariant: Record<Variant, Behaviour> = {
  a: conformant,
  b: variantB,
  c: { ...conformant, variant: 'c', scanPage: 'select' },
  d: { ...variantB, variant: 'd', scanPage: 'card' },
  e: { ...conformant, variant: 'e', scanPage: 'script' },
};

export function variantBehaviour(variant: Variant): Behaviour {
  return byVariant[variant];
}
