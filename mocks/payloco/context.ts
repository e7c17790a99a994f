import type { AnswerOrder } from './answer-order.js';
import type { GatewayKeys } from './credentials.js';
import type { Store } from './orders.js';
import type { Scheduler } from './scheduler.js';
import type { Behaviour, Json } from './types.js';

export interface MockContext {
  behaviour: Behaviour;
  store: Store;
  scheduler: Scheduler;
  keys: GatewayKeys;
  /** Answers signed off the main thread keep their order with the webhooks (answer-order.ts). */
  answers: AnswerOrder;
  /** Absolute URL clients use as base (with /gateway in variant b); known once the server listens. */
  publicUrl(): string;
  /** Sandbox policies (off by default): `autoPayAfterMs` pays every active QR by itself after that delay. */
  sandbox: { autoPayAfterMs?: number };
}

/** A request that passed the common checks. */
export interface Call {
  params: Json;
  merchantId: string;
}
