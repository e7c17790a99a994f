import type { IdMaker } from './ids.js';
import type { Knobs } from './knobs.js';
import type { Scheduler } from './scheduler.js';
import type { Store } from './store.js';
import type { WebhookSender } from './webhooks.js';

export type Variant = 'a' | 'b';

/**
 * How the hosted cashier page looks: real sandboxes differ here, and none of it is promised by the docs. `buttons`
 * is one form per outcome; `select` several forms, a localized select and a hidden token; `card` a radio group and a
 * test card to type in (with a session cookie); `script` a page that works only with JavaScript.
 */
export type CashierShape = 'buttons' | 'select' | 'card' | 'script';

/** Everything a handler may use; one per running mock. */
export interface MockContext {
  variant: Variant;
  cashier: CashierShape;
  /**
   * Sandbox policy: whether test payouts are reviewed by themselves, whether their callbacks are sent without being
   * asked for, and whether the demo's triggerNotify exists; whether new pay-ins are paid by themselves after a delay
   * (ms), and whether the review rejects every payout.
   */
  sandbox: {
    payoutsSettle: boolean;
    payoutCallbacks: boolean;
    triggerNotify: boolean;
    autoPayAfterMs?: number;
    rejectPayouts: boolean;
    /** 'manual': every payout waits in PENDING_CONFIRM until approved at the admin endpoint (admin.ts). */
    payoutReview: 'auto' | 'manual';
  };
  knobs: Knobs;
  store: Store;
  ids: IdMaker;
  scheduler: Scheduler;
  webhooks: WebhookSender;
  credentials: { appId: string; appSecret: string };
  /** `http://host:port`, known once the server listens. */
  baseUrl: string;
}
