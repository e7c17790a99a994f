import type { Variant } from './context.js';
import { isoTime } from './ids.js';
import { ORDER_STATUS, STATUS_DESCRIPTION, statusValue } from './status.js';
import type { PayinOrder, PayoutDetail, PayoutOrder } from './store.js';

// How stored orders look on the wire: query `data`, create `data` and webhook bodies.

export function payinView(o: PayinOrder, variant: Variant): Record<string, unknown> {
  const view: Record<string, unknown> = {
    pay_order_id: o.payOrderId,
    request_id: o.requestId,
    target_amount: o.targetAmount,
    target_currency: o.targetCurrency,
    order_status: statusValue(o.status, variant),
    product_name: o.productName,
    description: o.description,
    created_at: o.createdAt,
    complete_time: o.completeTime,
    pay_access_type: o.payAccessType,
    api_version: o.apiVersion,
    way_type: o.wayType,
    way_code: o.wayCode,
    success_url: o.successUrl,
    fail_url: o.failUrl,
    notify_url: o.notifyUrl,
    error_code: o.errorCode,
    error_msg: o.errorMsg,
  };
  if (variant === 'b') {
    view.order_status_desc = STATUS_DESCRIPTION[o.status];
    view.updated_at = o.updatedAt;
  }
  return view;
}

/** The callback body of the vendor demo's "real payin webhook sample" (digest §6.1). */
export function payinWebhookBody(o: PayinOrder): Record<string, unknown> {
  const card = o.wayType === 'CARD_PAYMENT';
  return {
    pay_order_id: o.payOrderId,
    request_id: o.requestId,
    order_status: o.status,
    target_currency: o.targetCurrency,
    target_amount: o.targetAmount,
    success_url: o.successUrl,
    fail_url: o.failUrl,
    product_name: o.productName,
    description: o.description,
    complete_time: o.completeTime,
    error_code: o.errorCode,
    error_msg: o.errorMsg,
    notify_url: o.notifyUrl,
    merchant_reserved_field: null,
    api_version: o.apiVersion.toLowerCase(),
    order_status_int: ORDER_STATUS[o.status],
    channel_biz_data: card
      ? { issuer_country: 'PH', '3ds': { downgraded: false, enrolled: 'Y' }, issuer: 'LESSPAY SANDBOX BANK' }
      : null,
    event: null,
    event_data: null,
  };
}

/** "1234567890" → "1234****7890"; values shorter than 10 keep only a quarter at each end. */
function mask(value: string, keepStart: number, keepEnd: number): string {
  const quarter = value.length >= 10 ? Number.POSITIVE_INFINITY : Math.floor(value.length / 4);
  const start = Math.min(keepStart, quarter);
  const end = Math.min(keepEnd, quarter);
  return `${value.slice(0, start)}****${value.slice(value.length - end)}`;
}

/**
 * Detail elements carry no null and no "" members by default: arrays are signed as JSON text, and a verifier that
 * drops nulls (fastjson) and one that keeps them (JSON.stringify) then build the same string. With `keepEmpty` (variant
 * b's payout callback) the null members stay, and the callback is signed over the array's compact JSON with them: the
 * other conformant reading of L3, which a verifier must accept as well.
 */
export function payoutDetailView(d: PayoutDetail, keepEmpty = false): Record<string, unknown> {
  const view: Record<string, unknown> = {
    payout_order_detail_id: d.detailId,
    mch_order_id: d.mchOrderId,
    amount: d.amount,
    actual_amount: d.actualAmount,
    status: d.status,
    audit_state: d.auditState,
    fail_reason: d.failReason,
    rejected_reason: d.rejectedReason,
    channel_order_no: d.channelOrderNo,
    destination_type: d.destinationType,
    bank_account_no: mask(d.bankAccountNo, 4, 4),
    bank_account_name: mask(d.bankAccountName, 1, 1),
    bank_account_type: d.bankAccountType,
    bank_name: d.bankName,
    bank_country_code: d.bankCountryCode,
    bank_swift_code: d.bankSwiftCode,
    success_time: d.successTime === null ? null : isoTime(d.successTime),
  };
  if (!keepEmpty) for (const k of Object.keys(view)) if (view[k] === null || view[k] === '') delete view[k];
  return view;
}

/** PayoutQueryVO: the payout query `data` and (with names) the payout callback body. */
export function payoutView(o: PayoutOrder, variant: Variant, forWebhook = false): Record<string, unknown> {
  const view: Record<string, unknown> = {
    pay_order_id: o.payOrderId,
    request_id: o.requestId,
    order_status: forWebhook ? o.status : statusValue(o.status, variant),
    currency: o.currency,
    total_amount: o.totalAmount,
    decimal_places: 2,
    fail_reason: o.failReason,
    created_at: isoTime(o.createdAt),
    details: o.details.map((d) => payoutDetailView(d, forWebhook && variant === 'b')),
  };
  if (variant === 'b' && !forWebhook) {
    view.order_status_desc = STATUS_DESCRIPTION[o.status];
    view.payout_type = o.kind;
    view.way_type = o.wayType;
    view.way_code = o.wayCode;
  }
  return view;
}
