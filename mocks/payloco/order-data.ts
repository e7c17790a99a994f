import type { Answer, Order } from './types.js';

/** The order as pay and query answers show it in data. */
export function orderData(order: Order): Answer['data'] {
  const data: Answer['data'] = {
    status: order.status,
    orderId: order.orderId,
    merchantOrderId: order.merchantOrderId,
    transAmt: order.transAmt,
    currency: order.currency,
    payMethod: order.payMethod,
  };
  if (order.completeTime) data.completeTime = order.completeTime;
  return data;
}
