import type { CheckContext } from '../engine/context.js';
import type { Completion, PayoutOrder } from '../engine/drivers.js';
import { REMOTE_WAIT_MS } from '../engine/waits.js';

// The probes' one call for a payout that waits for a person's review: the run's payout driver approves it, and what
// it did becomes a note of every check that uses the payout.

/** The capability a target declares when its payouts wait for a person's review (not for a probe). */
export const PAYOUT_MANUAL_REVIEW = 'payout-manual-review';

/**
 * Why checks that need a reviewed payout are not applicable: the target declares that payouts are reviewed by hand
 * and the run has no payout driver to stand in for the person. Undefined when they apply.
 */
export function payoutReviewNotApplicable(t: CheckContext): string | undefined {
  if (!t.declares(PAYOUT_MANUAL_REVIEW) || t.run.config.payoutDriver) return undefined;
  return `not applicable: the target declares "${PAYOUT_MANUAL_REVIEW}" (its payouts wait for a person's review) and no --payout-driver approves them`;
}

/**
 * Has the run's payout driver approve a payout that waits for review; undefined without --payout-driver (nothing is
 * done). A payout that has already left its review (a sandbox that reviews test payouts itself) needs no driver.
 */
export async function approvePayout(
  t: CheckContext,
  order: Omit<PayoutOrder, 'baseUrl'>,
): Promise<Completion | undefined> {
  const { payoutDriver, say = () => {} } = t.run.config;
  if (!payoutDriver) return undefined;
  if (order.reviewed && (await order.reviewed())) {
    t.note(`the payout left its review by itself; the ${payoutDriver.name} payout driver was not needed`);
    return { done: true, how: 'the payout left its review by itself' };
  }
  const got = await payoutDriver.approve(
    { ...order, baseUrl: t.run.config.baseUrl },
    { say, waitMs: t.webhooks.waitMs || REMOTE_WAIT_MS },
  );
  if (got.done) t.note(`payout approved by the ${payoutDriver.name} payout driver: ${got.how}`);
  return got.done
    ? got
    : {
        done: false,
        reason: `the ${payoutDriver.name} payout driver could not approve the payout: ${got.reason}`,
      };
}
