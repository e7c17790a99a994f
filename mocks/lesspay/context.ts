import type { IdMaker } from './ids.js';
import type { Knobs } from './knobs.js';
import type { Scheduler } from './scheduler.js';
import type { Store } from './store.js';
import type { WebhookSender } from './webhooks.js';

export type Variant = 'a' | 'b';

/** Everything a handler may use; one per running mock. */
export interface MockContext {
  variant: Variant;
  knobs: Knobs;
  store: Store;
  ids: IdMaker;
  scheduler: Scheduler;
  webhooks: WebhookSender;
  credentials: { appId: string; appSecret: string };
  /** `http://host:port`, known once the server listens. */
  baseUrl: string;
}
