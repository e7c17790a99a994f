import { type SignStyle, STANDARD_STYLE } from './sign.js';
import type { StatusName } from './status.js';

/**
 * Every behaviour a fault variant may bend. The defaults are the conformant behaviour; a fault overrides
 * one or two of them (see faults/). Handlers read knobs instead of checking fault names.
 */
export interface Knobs {
  // L3
  authRequireAppId: boolean;
  authRequireKnownAppId: boolean;
  authRequireSignature: boolean;
  authVerifySignature: boolean;
  signStyle: SignStyle;
  // L4, L5
  payinNonPost: 'method-not-allowed' | 'answer-200' | 'not-found';
  payoutNonPost: 'method-not-allowed' | 'answer-200' | 'not-found';
  unknownPath: 'not-found' | 'answer-200';
  // L6
  badJsonCrashes: boolean;
  createOnParamError: boolean;
  payinRequestIdMax: number;
  amountNumbersAccepted: boolean;
  zeroAmountAccepted: boolean;
  nonHttpUrlsAccepted: boolean;
  descriptionRequired: boolean;
  payAccessTypeStringAccepted: boolean;
  // L7
  duplicatePayin: 'reject' | 'accept' | 'overwrite';
  failValidCreates: boolean;
  // L8
  queryMaxSpanMs: number;
  queryExactSpanAccepted: boolean;
  queryRejectStartAfterEnd: boolean;
  queryRejectEqualTimes: boolean;
  queryStringNumbersAccepted: boolean;
  queryIntegerNumbersAccepted: boolean;
  queryByPayOrderId: boolean;
  // L10
  payoutInitialStatus: StatusName;
  duplicatePayout: 'reject' | 'accept';
  checkBatchSum: boolean;
  batchSumWithFloats: boolean;
  checkDuplicateDetails: boolean;
  /** A batch detail's amount may be a JSON number (the header's total stays strict). */
  detailAmountNumbersAccepted: boolean;
  /** Every detail of a batch is validated (false: only the first; the others are taken as sent). */
  validateEveryDetail: boolean;
  /** The documented optional members of a payout's beneficiary and bank are validated when present. */
  checkOptionalMembers: boolean;
  // L11
  webhookSigning: 'standard' | 'none' | 'wrong' | 'v1-signs-all' | 'v2-signs-v1-set';
  webhookDropFields: string[];
  webhookRetry: boolean;
  webhookEncoding: 'json' | 'form';
}

export const CONFORMANT: Readonly<Knobs> = Object.freeze({
  authRequireAppId: true,
  authRequireKnownAppId: true,
  authRequireSignature: true,
  authVerifySignature: true,
  signStyle: STANDARD_STYLE,
  payinNonPost: 'method-not-allowed',
  payoutNonPost: 'method-not-allowed',
  unknownPath: 'not-found',
  badJsonCrashes: false,
  createOnParamError: false,
  payinRequestIdMax: 20,
  amountNumbersAccepted: false,
  zeroAmountAccepted: false,
  nonHttpUrlsAccepted: false,
  descriptionRequired: true,
  payAccessTypeStringAccepted: false,
  duplicatePayin: 'reject',
  failValidCreates: false,
  queryMaxSpanMs: 604_800_000,
  queryExactSpanAccepted: true,
  queryRejectStartAfterEnd: true,
  queryRejectEqualTimes: true,
  queryStringNumbersAccepted: true,
  queryIntegerNumbersAccepted: true,
  queryByPayOrderId: true,
  payoutInitialStatus: 'PENDING_CONFIRM',
  duplicatePayout: 'reject',
  checkBatchSum: true,
  batchSumWithFloats: false,
  checkDuplicateDetails: true,
  detailAmountNumbersAccepted: false,
  validateEveryDetail: true,
  checkOptionalMembers: true,
  webhookSigning: 'standard',
  webhookDropFields: [],
  webhookRetry: true,
  webhookEncoding: 'json',
});
