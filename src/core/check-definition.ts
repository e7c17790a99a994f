import type { Level } from './results.js';

/**
 * A client or webhook-handler check as written once, at its rule or case: the fields of its catalogue entry
 * (suites/client/catalogue/, suites/handler/catalogue/ are generated from it by `npm run docs:checks`) and the faults
 * of the example client or handler that must fail it. A fault's exact list of failed checks is derived from these.
 */
export interface CheckDefinition {
  id: string;
  title: string;
  level: Level;
  reading: string;
  endpoint: string;
  /** The one clause of the reading the check enforces, where the reading's quote alone would not say it. */
  clause?: string;
  spec: { section: string };
  note?: string;
  /**
   * The faults that fail this check: a fault of the example (examples/merchant-client, examples/webhook-handler),
   * `alt:<fault>` of its second example (examples/webhook-handler-alt), `mock:<fault>` of the gateway's mock judged
   * through `paycert proxy`. At least one: every check can fail.
   */
  killedBy: [string, ...string[]];
}
