import { codes } from './codes.js';
import type { Call, MockContext } from './context.js';
import { fail, ok } from './envelope.js';
import { transTypeMissing } from './trans-type.js';
import type { Answer } from './types.js';

const given = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The docs' example names no order and answers 00000003 "处理中" without data; the seed's unified format wins, so
 * data.status is PENDING. The mock holds no pre-authorisations: a void is accepted and changes no order.
 */
export function preAuthVoid(ctx: MockContext, call: Call): Answer {
  const missing = ctx.behaviour.transTypeEverywhere
    ? transTypeMissing(ctx.behaviour, call.params)
    : undefined;
  if (missing) return missing;
  const { orderId, merchantOrderId } = call.params;
  const { store } = ctx;
  const data: Answer['data'] = { status: 'PENDING' };
  if (given(orderId)) {
    const order = store.findById(call.merchantId, orderId);
    if (!order) return fail(codes.orderNotFound, 'Order does not exist');
    data.orderId = order.orderId;
    data.merchantOrderId = order.merchantOrderId;
  }
  if (given(merchantOrderId)) {
    const order = store.findByMerchantOrderId(call.merchantId, merchantOrderId);
    if (!order || (given(orderId) && order.orderId !== orderId))
      return fail(codes.orderNotFound, 'Order does not exist');
    data.orderId = order.orderId;
    data.merchantOrderId = order.merchantOrderId;
  }
  return ok(codes.pending, ctx.behaviour.voidMessage, data);
}
