import type { MockContext } from './context.js';
import { compare, dec } from './decimal.js';
import type { PayoutOrder } from './store.js';
import { payoutView } from './views.js';

// The sandbox's stand-in for Lesspay Operations: test amounts decide the outcome, like a PSP's test cards.
export const AUTO_APPROVE_LIMIT = '1000';
export const FAIL_AMOUNT = '13.13';
export const REJECT_AMOUNT = '66.66';
export const REVIEW_DELAY_MS = 50;
export const PROCESSING_DELAY_MS = 50;

const is = (amount: string, test: string) => compare(dec(amount), dec(test)) === 0;

export function sendPayoutWebhook(order: PayoutOrder, ctx: MockContext): void {
  if (order.notifyUrl) ctx.webhooks.send('payout', order.notifyUrl, payoutView(order, ctx.variant, true));
}

function finish(order: PayoutOrder, ctx: MockContext): void {
  const now = Date.now();
  for (const d of order.details) {
    if (is(d.amount, FAIL_AMOUNT)) {
      d.status = 'FAILED';
      d.failReason = `Beneficiary account closed (test amount ${FAIL_AMOUNT})`;
    } else {
      d.status = 'SUCCEED';
      d.actualAmount = d.amount;
      d.channelOrderNo = ctx.ids.next('CH', 18);
      d.successTime = now;
    }
  }
  const failed = order.details.filter((d) => d.status === 'FAILED').length;
  order.status = failed === 0 ? 'SUCCEED' : failed === order.details.length ? 'FAILED' : 'PARTIAL_SUCCESS';
  order.failReason = failed === 0 ? null : `${failed} of ${order.details.length} details failed`;
  if (ctx.sandbox.payoutCallbacks) sendPayoutWebhook(order, ctx);
}

function review(order: PayoutOrder, ctx: MockContext): void {
  if (ctx.sandbox.rejectPayouts || order.details.some((d) => is(d.amount, REJECT_AMOUNT))) {
    order.status = 'FAILED';
    order.failReason = ctx.sandbox.rejectPayouts
      ? 'Review Rejected (sandbox policy rejectPayouts)'
      : `Review Rejected (test amount ${REJECT_AMOUNT})`;
    for (const d of order.details) {
      d.auditState = 'REJECTED';
      d.status = 'FAILED';
      d.rejectedReason = 'Rejected by operations review';
    }
    if (ctx.sandbox.payoutCallbacks) sendPayoutWebhook(order, ctx);
    return;
  }
  approve(order, ctx);
}

function approve(order: PayoutOrder, ctx: MockContext): void {
  order.status = 'PENDING_PAY';
  for (const d of order.details) {
    d.auditState = 'APPROVED';
    d.status = 'PROCESSING';
  }
  ctx.scheduler.after(PROCESSING_DELAY_MS, () => finish(order, ctx));
}

/**
 * The sandbox's admin approval (policy payoutReview 'manual'): a person, or a script on their behalf, approves a
 * payout that waits in PENDING_CONFIRM; it is then paid out as an automatically reviewed one. Undefined when done,
 * else why not.
 */
export function approveByHand(order: PayoutOrder, ctx: MockContext): string | undefined {
  if (order.status !== 'PENDING_CONFIRM') return `the payout is ${order.status}, not waiting for a review`;
  approve(order, ctx);
  return undefined;
}

/**
 * Payouts whose details are all ≤ 1000 are reviewed automatically; larger ones wait for a review that never comes,
 * unless the sandbox rejects every payout (a rejection needs no limit). Under payoutReview 'manual' every payout
 * waits for approveByHand.
 */
export function schedulePayoutReview(order: PayoutOrder, ctx: MockContext): void {
  // Reviewed by hand: the payout waits in PENDING_CONFIRM until approveByHand (the admin endpoint).
  if (!ctx.sandbox.payoutsSettle || ctx.sandbox.payoutReview === 'manual') return;
  const limit = dec(AUTO_APPROVE_LIMIT);
  if (!ctx.sandbox.rejectPayouts && order.details.some((d) => compare(dec(d.amount), limit) > 0)) return;
  ctx.scheduler.after(REVIEW_DELAY_MS, () => review(order, ctx));
}
