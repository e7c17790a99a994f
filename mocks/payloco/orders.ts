import type { Order, OrderStatus } from './types.js';

const key = (merchantId: string, merchantOrderId: string) => `${merchantId}\u0000${merchantOrderId}`;

export const timestamp = (date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** In-memory orders. Every method is synchronous, so a check-then-insert cannot interleave with another request. */
export class Store {
  private readonly byId = new Map<string, Order>();
  private readonly byMerchantOrderId = new Map<string, Order>();
  private sequence = 0;

  constructor(private readonly onFinal: (order: Order) => void) {}

  get size(): number {
    return this.byId.size;
  }

  nextOrderId(): string {
    this.sequence += 1;
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    return `${stamp}${String(this.sequence).padStart(8, '0')}`;
  }

  /** Any merchant's order: for the public scan page, which knows only the orderId in its URL. */
  get(orderId: string): Order | undefined {
    return this.byId.get(orderId);
  }

  findById(merchantId: string, orderId: string): Order | undefined {
    const order = this.byId.get(orderId);
    return order?.merchantId === merchantId ? order : undefined;
  }

  findByMerchantOrderId(merchantId: string, merchantOrderId: string): Order | undefined {
    return this.byMerchantOrderId.get(key(merchantId, merchantOrderId));
  }

  insert(order: Order): void {
    this.byId.set(order.orderId, order);
    this.byMerchantOrderId.set(key(order.merchantId, order.merchantOrderId), order);
  }

  /** Moves a PENDING order to a final state once; later calls are ignored. */
  settle(order: Order, status: Exclude<OrderStatus, 'PENDING'>): boolean {
    if (order.status !== 'PENDING') return false;
    order.status = status;
    order.completeTime = timestamp();
    this.onFinal(order);
    return true;
  }
}
