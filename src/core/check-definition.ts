import type { Level } from './results.js';

/**
 * A check as written once, at its code: a gateway probe, a client rule or a webhook-handler case. It holds the fields
 * of its catalogue entry (same names, same values: suites/catalogue/, suites/client/catalogue/ and
 * suites/handler/catalogue/ are generated from it by `npm run docs:checks`) and the faults that must fail it. A
 * fault's exact list of failed checks is derived from these.
 */
export interface CheckDefinition {
  id: string;
  title: string;
  level: Level;
  reading: string;
  endpoint: string;
  /** The capability the check needs of a target (a gateway probe: payin, payout …); none: every target. */
  capability?: string;
  /** The one clause of the reading the check enforces, where the reading's quote alone would not say it. */
  clause?: string;
  spec: { section: string };
  note?: string;
  /**
   * The faults that fail this check; at least one, so every check can fail. A gateway probe: faults of
   * mocks/<gateway>/faults. A client rule or handler case: a fault of the example (examples/merchant-client,
   * examples/webhook-handler), `alt:<fault>` of its second example (examples/webhook-handler-alt), `mock:<fault>` of
   * the gateway's mock judged through `paycert proxy`.
   */
  killedBy: [string, ...string[]];
}

/**
 * A gateway probe's check as its probe file declares it: a check definition, plus the faults of the gateway's mock
 * under which it cannot judge (the self-test asserts each fault fails exactly the checks that name it, and ends or
 * skips these as declared).
 */
export interface CheckMeta extends CheckDefinition {
  /** Faults under which this check may end in error: the fault breaks what it needs, so it cannot judge. */
  erroredBy?: string[];
  /** Faults under which this check is skipped, saying why (e.g. no retry to compare). */
  skippedBy?: string[];
}

/** The metadata fields that are not the catalogue entry's: which faults make the check fail, error or skip. */
export const FAULT_FIELDS = ['killedBy', 'erroredBy', 'skippedBy'] as const;
