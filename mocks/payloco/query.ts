import { codes } from './codes.js';
import type { Call, MockContext } from './context.js';
import { fail, ok } from './envelope.js';
import { orderData } from './order-data.js';
import { transTypeMissing } from './trans-type.js';
import type { Answer, Order } from './types.js';

const given = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** P9: by orderId or merchantOrderId (both given must name the same order); currency and payAmt are not filters. */
export function query(ctx: MockContext, call: Call): Answer {
  const { behaviour, store } = ctx;
  const missing = transTypeMissing(behaviour, call.params);
  if (missing) return missing;
  const { orderId, merchantOrderId, currency, payAmt } = call.params;
  for (const [name, value] of Object.entries({ orderId, merchantOrderId, currency }))
    if (value !== undefined && value !== null && typeof value !== 'string')
      return fail(codes.format, `Format error-${name} must be a string`);
  if (
    payAmt !== undefined &&
    !(typeof payAmt === 'string' && /^(0|[1-9]\d*)(\.\d+)?$/.test(payAmt) && Number(payAmt) > 0)
  )
    return fail(codes.format, 'Format error-payAmt must be a string holding a positive decimal amount');
  if (!given(orderId) && !given(merchantOrderId)) {
    // Only under the query-without-id-answered fault: a query naming no order is answered as a success.
    if (behaviour.unchecked.includes('queryId'))
      return ok(codes.success, behaviour.successMessage, { status: 'PENDING' });
    return fail(codes.format, 'Format error-merchantOrderId and orderId cannot both be empty');
  }
  const { byOrderId, byMerchantOrderId } = behaviour.queryLookup;
  const order = given(orderId)
    ? byOrderId
      ? store.findById(call.merchantId, orderId)
      : undefined
    : byMerchantOrderId
      ? store.findByMerchantOrderId(call.merchantId, merchantOrderId as string)
      : undefined;
  const matches = order && (!given(merchantOrderId) || order.merchantOrderId === merchantOrderId);
  if (!order || !matches) {
    return behaviour.unknownOrderFails
      ? fail(codes.orderNotFound, 'Order does not exist')
      : invented(ctx, call);
  }
  return found(ctx, order);
}

function found(ctx: MockContext, order: Order): Answer {
  const { behaviour } = ctx;
  const pending = order.status === 'PENDING';
  const data = orderData(order);
  if (pending && behaviour.pendingCompleteTime === 'null') data.completeTime = null;
  const code = pending ? behaviour.pendingQueryCode : codes.success;
  return ok(code, code === codes.pending ? behaviour.pendingMessage : behaviour.successMessage, data, order);
}

/** Only under the query-unknown-succeeds fault: a made-up paid order. */
function invented(ctx: MockContext, call: Call): Answer {
  const { orderId, merchantOrderId } = call.params;
  return ok(codes.success, ctx.behaviour.successMessage, {
    status: 'SUCCESS',
    orderId: given(orderId) ? orderId : ctx.store.nextOrderId(),
    merchantOrderId: given(merchantOrderId) ? merchantOrderId : '',
    transAmt: '0.00',
    currency: 'USD',
    payMethod: 'DIRECT',
  });
}
