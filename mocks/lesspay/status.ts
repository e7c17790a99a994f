// The order-status table of the Parameter Specifications page (digest §5.5).
export const ORDER_STATUS = {
  PENDING_CONFIRM: 0,
  PENDING_PAY: 1,
  SUCCEED: 2,
  FAILED: 3,
  CANCELED: 4,
  REFUND: 5,
  CLOSED: 6,
  PARTIAL_SUCCESS: 11,
  PAID: 12,
} as const;

export type StatusName = keyof typeof ORDER_STATUS;

export const STATUS_DESCRIPTION: Record<StatusName, string> = {
  PENDING_CONFIRM: 'Order created, awaiting confirmation',
  PENDING_PAY: 'Order awaiting payment',
  SUCCEED: 'Payment successful',
  FAILED: 'Payment failed',
  CANCELED: 'Order canceled',
  REFUND: 'Order refunded',
  CLOSED: 'Order closed',
  PARTIAL_SUCCESS: 'Partial success (Payout only)',
  PAID: 'It has been paid, but the amount is not equal',
};

/** Variant a reports the name, variant b the integer. */
export function statusValue(name: StatusName, variant: 'a' | 'b'): string | number {
  return variant === 'a' ? name : ORDER_STATUS[name];
}
