import { type FaultInfo, withFlags } from '../../contract.js';
import type { Behaviour } from '../types.js';
import { serverErrorOnValid } from './500-on-valid-request.js';
import { amountFormatNotChecked } from './amount-format-not-checked.js';
import { badSignatureCreatesOrder } from './bad-signature-creates-order.js';
import { codeNumeric } from './code-numeric.js';
import { codeSevenDigits } from './code-seven-digits.js';
import { currencyFormatNotChecked } from './currency-format-not-checked.js';
import { dataMissing } from './data-missing.js';
import { duplicateMerchantOrderCreatesSecond } from './duplicate-merchant-order-creates-second.js';
import { failureStatusNotFailed } from './failure-status-not-failed.js';
import { type Fault, rewriting } from './fault.js';
import { getAnswered200 } from './get-answered-200.js';
import { htmlContentType } from './html-content-type.js';
import { merchantIdNotRequired } from './merchant-id-not-required.js';
import { messageMissing } from './message-missing.js';
import { micropayFailed } from './micropay-failed.js';
import { micropaySuccessCodePending } from './micropay-success-code-pending.js';
import { payV1Missing } from './pay-v1-missing.js';
import { payV2Missing } from './pay-v2-missing.js';
import { preAuthVoidMissing } from './pre-auth-void-missing.js';
import { qrCodeNot00000003 } from './qr-code-not-00000003.js';
import { qrSuccessImmediately } from './qr-success-immediately.js';
import { queryAmountNumber } from './query-amount-number.js';
import { queryByMerchantOrderIdIgnored } from './query-by-merchant-order-id-ignored.js';
import { queryByOrderIdIgnored } from './query-by-order-id-ignored.js';
import { queryCompleteTimeNumber } from './query-complete-time-number.js';
import { queryEndpointMissing } from './query-endpoint-missing.js';
import { queryMissingOrderId } from './query-missing-order-id.js';
import { queryPaidStillPending } from './query-paid-still-pending.js';
import { queryPendingShowsSuccess } from './query-pending-shows-success.js';
import { queryStringParamsAccepted } from './query-string-params-accepted.js';
import { queryUnknownSucceeds } from './query-unknown-succeeds.js';
import { queryWithoutIdAnswered } from './query-without-id-answered.js';
import { queryWrongAmount } from './query-wrong-amount.js';
import { queryWrongCurrency } from './query-wrong-currency.js';
import { queryWrongMerchantOrderId } from './query-wrong-merchant-order-id.js';
import { requestTimeNotChecked } from './request-time-not-checked.js';
import { responseSignatureInvalid } from './response-signature-invalid.js';
import { signatureNotChecked } from './signature-not-checked.js';
import { signatureOverReserializedBody } from './signature-over-reserialized-body.js';
import { signatureSha1 } from './signature-sha1.js';
import { statusLowercase } from './status-lowercase.js';
import { traceIdConstant } from './trace-id-constant.js';
import { traceIdMissing } from './trace-id-missing.js';
import { transTypeNotRequired } from './transtype-not-required.js';
import { transTypeRequiredEverywhere } from './transtype-required-everywhere.js';
import { transTypeWrongCode } from './transtype-wrong-code.js';
import { transTypeWrongMessage } from './transtype-wrong-message.js';
import { unknownPath200 } from './unknown-path-200.js';
import { urlSchemeNotChecked } from './url-scheme-not-checked.js';
import { versionMissingAccepted } from './version-missing-accepted.js';
import { versionNotChecked } from './version-not-checked.js';
import { webhookAny200Acks } from './webhook-any-200-acks.js';
import { webhookBadSignature } from './webhook-bad-signature.js';
import { webhookIdChangesOnRetry } from './webhook-id-changes-on-retry.js';
import { webhookMalformed } from './webhook-malformed.js';
import { webhookNoRetry } from './webhook-no-retry.js';
import { webhookSignatureStaleTimestamp } from './webhook-signature-stale-timestamp.js';
import { webhookUnsigned } from './webhook-unsigned.js';

export const faultList: readonly Fault[] = [
  codeNumeric,
  codeSevenDigits,
  traceIdMissing,
  traceIdConstant,
  statusLowercase,
  dataMissing,
  messageMissing,
  htmlContentType,
  failureStatusNotFailed,
  qrSuccessImmediately,
  qrCodeNot00000003,
  queryPendingShowsSuccess,
  queryPaidStillPending,
  micropayFailed,
  micropaySuccessCodePending,
  transTypeNotRequired,
  transTypeWrongCode,
  transTypeWrongMessage,
  transTypeRequiredEverywhere,
  versionNotChecked,
  versionMissingAccepted,
  merchantIdNotRequired,
  queryStringParamsAccepted,
  signatureNotChecked,
  badSignatureCreatesOrder,
  signatureOverReserializedBody,
  signatureSha1,
  responseSignatureInvalid,
  queryUnknownSucceeds,
  queryWrongAmount,
  queryAmountNumber,
  queryCompleteTimeNumber,
  queryMissingOrderId,
  queryByMerchantOrderIdIgnored,
  queryByOrderIdIgnored,
  queryWrongMerchantOrderId,
  queryWrongCurrency,
  duplicateMerchantOrderCreatesSecond,
  currencyFormatNotChecked,
  amountFormatNotChecked,
  urlSchemeNotChecked,
  requestTimeNotChecked,
  queryWithoutIdAnswered,
  getAnswered200,
  unknownPath200,
  payV1Missing,
  payV2Missing,
  queryEndpointMissing,
  preAuthVoidMissing,
  webhookUnsigned,
  webhookBadSignature,
  webhookSignatureStaleTimestamp,
  webhookMalformed,
  webhookNoRetry,
  webhookAny200Acks,
  webhookIdChangesOnRetry,
  serverErrorOnValid,
];

/** Every fault variant: name → the reading it breaks, its level and a one-line description. */
export const faults: Record<string, FaultInfo> = Object.fromEntries(
  faultList.map(({ name, reading, level, description }) => [name, { name, reading, level, description }]),
);

/** The behaviour of a variant with one fault: its flags, then its hook on the answer. */
export function applyFault(name: string, behaviour: Behaviour): Behaviour {
  const fault = faultList.find((candidate) => candidate.name === name);
  if (!fault)
    throw new Error(`unknown Payloco fault "${name}"; known: ${faultList.map((f) => f.name).join(', ')}`);
  const flagged = withFlags(behaviour, fault);
  return fault.respond ? rewriting(flagged, fault.respond) : flagged;
}
