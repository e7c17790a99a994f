import { randomUUID } from 'node:crypto';
import type { Json, Order } from './types.js';

export const eventName = 'payment_intent.result';

export const newEventId = () => `evt_${randomUUID()}`;

/** The order's final state, frozen when the event is raised so every retry carries the same body. */
export function eventData(order: Order): Json {
  return {
    merchantOrderId: order.merchantOrderId,
    orderId: order.orderId,
    status: order.status,
    transAmt: order.transAmt,
    currency: order.currency,
    completeTime: order.completeTime,
  };
}

export function eventBody(id: string, createdAt: string, data: Json): string {
  return JSON.stringify({ id, name: eventName, created_at: createdAt, notifyTime: createdAt, data });
}

/** Only under the webhook-malformed fault: valid JSON, signed, but not the event shape. */
export function malformedBody(data: Json): string {
  return JSON.stringify({ event: eventName, order: { ...data, transAmt: Number(data.transAmt) } });
}
