import { codes } from './codes.js';
import type { Call, MockContext } from './context.js';
import { fail, ok } from './envelope.js';
import { orderData } from './order-data.js';
import { timestamp } from './orders.js';
import { type PayDraft, readPayV1, readPayV2 } from './pay-request.js';
import { transTypeMissing } from './trans-type.js';
import type { Answer, Order, PayKind } from './types.js';

/** Test scenarios on authCode (README): 99… the channel declines, 98… the channel times out. */
const declinedPrefix = '99';
const timeoutPrefix = '98';
export const micropaySettleMs = 100;

export function payV1(ctx: MockContext, call: Call): Answer {
  const missing = transTypeMissing(ctx.behaviour, call.params);
  if (missing) return missing;
  const draft = readPayV1(call.params, ctx.behaviour.unchecked);
  return 'code' in draft ? draft : place(ctx, call.merchantId, draft);
}

export function payV2(ctx: MockContext, call: Call): Answer {
  const missing = ctx.behaviour.transTypeEverywhere
    ? transTypeMissing(ctx.behaviour, call.params)
    : undefined;
  if (missing) return missing;
  const draft = readPayV2(call.params, ctx.behaviour.unchecked);
  return 'code' in draft ? draft : place(ctx, call.merchantId, draft);
}

function place(ctx: MockContext, merchantId: string, draft: PayDraft): Answer {
  const { behaviour, store } = ctx;
  if (behaviour.rejectDuplicates && store.findByMerchantOrderId(merchantId, draft.merchantOrderId)) {
    return fail(codes.duplicateOrder, 'Duplicate merchantOrderId', `${draft.merchantOrderId} already exists`);
  }
  // The docs' example carries both payMode QRCODE and an authCode: QRCODE wins (P7).
  const kind: PayKind = draft.payMode === 'QRCODE' ? 'QRCODE' : draft.authCode ? 'MICROPAY' : 'DIRECT';
  const order: Order = {
    orderId: store.nextOrderId(),
    merchantOrderId: draft.merchantOrderId,
    merchantId,
    transAmt: draft.transAmt,
    currency: draft.currency,
    payMethod: kind === 'DIRECT' ? draft.directMethod : kind,
    kind,
    status: 'PENDING',
    createTime: timestamp(),
    completeTime: null,
    notifyUrl: draft.notifyUrl,
  };
  store.insert(order);
  if (kind === 'QRCODE') return activeQr(ctx, order);
  if (kind === 'MICROPAY') return micropay(ctx, order, draft.authCode ?? '');
  return settled(ctx, order, 'SUCCESS');
}

function activeQr(ctx: MockContext, order: Order): Answer {
  const qrCode = `${ctx.publicUrl()}/qr/${order.orderId}`;
  if (ctx.behaviour.qrSettlesImmediately) {
    const answer = settled(ctx, order, 'SUCCESS');
    return { ...answer, data: { ...answer.data, qrCode } };
  }
  const { autoPayAfterMs } = ctx.sandbox;
  if (autoPayAfterMs !== undefined)
    ctx.scheduler.after(autoPayAfterMs, () => ctx.store.settle(order, 'SUCCESS'));
  return ok(codes.pending, ctx.behaviour.pendingMessage, { ...orderData(order), qrCode }, order);
}

function micropay(ctx: MockContext, order: Order, authCode: string): Answer {
  const { behaviour, scheduler, store } = ctx;
  if (authCode.startsWith(declinedPrefix) || behaviour.micropayDeclines) return settled(ctx, order, 'FAILED');
  if (authCode.startsWith(timeoutPrefix) || behaviour.micropayTimesOut) {
    scheduler.after(micropaySettleMs, () => store.settle(order, 'SUCCESS'));
    return ok(codes.pending, behaviour.pendingMessage, orderData(order), order);
  }
  return settled(ctx, order, 'SUCCESS');
}

function settled(ctx: MockContext, order: Order, status: 'SUCCESS' | 'FAILED'): Answer {
  ctx.store.settle(order, status);
  if (status === 'SUCCESS') return ok(codes.success, ctx.behaviour.successMessage, orderData(order), order);
  return { code: codes.declined, message: 'Payment declined', data: orderData(order), failure: true, order };
}
