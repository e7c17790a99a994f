import type { CheckContext } from '../engine/context.js';
import type { Completion, PaymentOrder, PaymentOutcome } from '../engine/drivers.js';
import { REMOTE_WAIT_MS } from '../engine/waits.js';
import { AutoDriver } from './auto.js';

// The probes' one call for finishing a payment: the run's driver does it, and what it did becomes a note of every
// check that uses the payment, so the report says how each lifecycle payment was completed.

const auto = new AutoDriver();
const WORDS: Record<PaymentOutcome, string> = { success: 'paid', failure: 'failed', cancel: 'cancelled' };

export async function completePayment(
  t: CheckContext,
  order: PaymentOrder,
  outcome: PaymentOutcome = 'success',
): Promise<Completion> {
  const { driver = auto, say = () => {} } = t.run.config;
  const got = await driver.complete(order, outcome, {
    fetch: (req) => t.page(req),
    say,
    // Without a webhook receiver (a query-only lifecycle) a person or a script still gets the remote default wait.
    waitMs: t.webhooks.waitMs || REMOTE_WAIT_MS,
    timeoutMs: t.run.config.timeoutMs,
  });
  if (got.done) t.note(`${WORDS[outcome]} by the ${driver.name} driver: ${got.how}`);
  return got.done
    ? got
    : { done: false, reason: `the ${driver.name} driver could not finish the payment: ${got.reason}` };
}
