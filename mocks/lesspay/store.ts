import type { StatusName } from './status.js';

export interface PayinOrder {
  payOrderId: string;
  requestId: string;
  targetAmount: string;
  targetCurrency: string;
  productName: string;
  description: string;
  successUrl: string;
  failUrl: string;
  notifyUrl: string | null;
  wayType: string | null;
  wayCode: string | null;
  apiVersion: string;
  payAccessType: number;
  expiredTime: number | null;
  status: StatusName;
  createdAt: number;
  updatedAt: number;
  completeTime: number | null;
  errorCode: string | null;
  errorMsg: string | null;
}

export interface PayoutDetail {
  detailId: string;
  mchOrderId: string;
  amount: string;
  actualAmount: string | null;
  status: 'CREATED' | 'PROCESSING' | 'SUCCEED' | 'FAILED';
  auditState: 'PENDING' | 'APPROVED' | 'REJECTED';
  failReason: string | null;
  rejectedReason: string | null;
  channelOrderNo: string | null;
  destinationType: string;
  bankAccountNo: string;
  bankAccountName: string;
  bankAccountType: string;
  bankName: string;
  bankCountryCode: string;
  bankSwiftCode: string | null;
  successTime: number | null;
}

export interface PayoutOrder {
  payOrderId: string;
  requestId: string;
  kind: 'single' | 'batch';
  currency: string;
  totalAmount: string;
  wayType: string | null;
  wayCode: string | null;
  notifyUrl: string | null;
  status: StatusName;
  failReason: string | null;
  createdAt: number;
  details: PayoutDetail[];
}

/** In-memory state of one mock instance. Uniqueness is per app id; the mock serves one app. */
export class Store {
  readonly payins = new Map<string, PayinOrder>();
  private readonly payinByRequest = new Map<string, PayinOrder>();
  readonly payouts = new Map<string, PayoutOrder>();
  private readonly payoutByRequest = new Map<string, PayoutOrder>();
  readonly balances = new Map<string, string>();

  addPayin(order: PayinOrder): void {
    this.payins.set(order.payOrderId, order);
    // The first order keeps the request_id (a duplicate-accepting fault variant must not hide it).
    if (!this.payinByRequest.has(order.requestId)) this.payinByRequest.set(order.requestId, order);
  }

  payinByRequestId(requestId: string): PayinOrder | undefined {
    return this.payinByRequest.get(requestId);
  }

  addPayout(order: PayoutOrder): void {
    this.payouts.set(order.payOrderId, order);
    if (!this.payoutByRequest.has(order.requestId)) this.payoutByRequest.set(order.requestId, order);
  }

  payoutByRequestId(requestId: string): PayoutOrder | undefined {
    return this.payoutByRequest.get(requestId);
  }

  /** Both ids given: they must name the same order. */
  findPayin(requestId?: string, payOrderId?: string): PayinOrder | undefined {
    const byReq = requestId !== undefined ? this.payinByRequest.get(requestId) : undefined;
    const byId = payOrderId !== undefined ? this.payins.get(payOrderId) : undefined;
    if (requestId !== undefined && payOrderId !== undefined)
      return byReq && byReq === byId ? byReq : undefined;
    return byReq ?? byId;
  }

  findPayout(requestId?: string, payOrderId?: string): PayoutOrder | undefined {
    const byReq = requestId !== undefined ? this.payoutByRequest.get(requestId) : undefined;
    const byId = payOrderId !== undefined ? this.payouts.get(payOrderId) : undefined;
    if (requestId !== undefined && payOrderId !== undefined)
      return byReq && byReq === byId ? byReq : undefined;
    return byReq ?? byId;
  }
}
