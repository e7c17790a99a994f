import type { Gateway } from '../core/results.js';

// What the engine asks of a driver (the drivers in src/drivers/ implement it): one interface for every way a payment
// can be finished on a target, and one for approving a payout that waits for review. The lifecycle checks ask the
// run's driver to complete an order and get back either how it was done or why it cannot be (the checks then skip).

/** What the payer does on the payment page. */
export type PaymentOutcome = 'success' | 'failure' | 'cancel';

export interface PaymentOrder {
  gateway: Gateway;
  /** The page the payer is sent to, as the target answered it. */
  url: string;
  /** Which answer field the page came from: Lesspay's checkout_url, Payloco's qrCode or payUrl. */
  field: 'checkout_url' | 'qrCode' | 'payUrl';
  /** The order's ids as the API knows them (request_id, pay_order_id, merchantOrderId, orderId …). */
  ids: Record<string, string>;
  amount: string;
  currency: string;
  /** Whether the order has reached a final state, asked through the public API; absent when it cannot be asked. */
  settled?: () => Promise<boolean>;
}

export interface PageRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Sent as application/x-www-form-urlencoded, in this order. */
  form?: [string, string][];
  headers?: Record<string, string>;
}

export interface PageResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  text: string;
  url: string;
}

/** What a driver may use: page requests (recorded as evidence, with a deadline, never with credentials) and the console. */
export interface DriverIO {
  fetch(req: PageRequest): Promise<PageResponse>;
  /** A line for the person running paycert (the manual driver's instructions and countdown). */
  say(line: string, opts?: { transient?: boolean }): void;
  /** How long a person, a command or a browser may take to finish one payment (--webhook-wait). */
  waitMs: number;
  /** Deadline of one page request. */
  timeoutMs: number;
}

export type Completion =
  /** The driver did what finishes the payment; `how` says what, for the report. */
  | { done: true; how: string }
  /** Nothing on the target was clearly the way to this outcome; `reason` says why (the check skips). */
  | { done: false; reason: string };

export interface PaymentDriver {
  /** The spec as given (`auto`, `form:FILE` …), named in the report. */
  readonly name: string;
  complete(order: PaymentOrder, outcome: PaymentOutcome, io: DriverIO): Promise<Completion>;
  /** Frees what the driver holds for the run (a browser). */
  close?(): Promise<void>;
}

export interface PayoutOrder {
  gateway: Gateway;
  /** The payout's ids as the API knows them (request_id, pay_order_id). */
  ids: Record<string, string>;
  amount: string;
  currency: string;
  /** The target's base URL (no credentials), so a script knows which sandbox's admin API to call. */
  baseUrl: string;
  /** Whether the payout has left its review state, asked through the public API. */
  reviewed?: () => Promise<boolean>;
}

export interface PayoutIO {
  say(line: string, opts?: { transient?: boolean }): void;
  /** How long a person or a command may take (--webhook-wait). */
  waitMs: number;
}

export interface PayoutDriver {
  readonly name: string;
  approve(order: PayoutOrder, io: PayoutIO): Promise<Completion>;
  close?(): Promise<void>;
}
