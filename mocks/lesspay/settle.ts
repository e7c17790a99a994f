import type { MockContext } from './context.js';
import type { PayinOrder } from './store.js';
import { payinWebhookBody } from './views.js';

// How a pay-in reaches SUCCEED or FAILED: the cashier page's buttons, or the sandbox's auto-pay policy. Either way the
// order turns final and the callback goes to notify_url, as on a real payment.

export function settlePayin(o: PayinOrder, outcome: 'succeed' | 'fail', ctx: MockContext): void {
  const now = Date.now();
  o.status = outcome === 'succeed' ? 'SUCCEED' : 'FAILED';
  o.completeTime = now;
  o.updatedAt = now;
  if (outcome === 'fail') {
    o.errorCode = 'CARD_DECLINED';
    o.errorMsg = 'Declined by the sandbox cashier';
  }
  if (o.notifyUrl) ctx.webhooks.send('payin', o.notifyUrl, payinWebhookBody(o));
}

/** Sandbox policy `autoPayAfterMs`: a new pay-in stays PENDING_PAY that long, then is paid as if on the cashier. */
export function scheduleAutoPay(o: PayinOrder, ctx: MockContext): void {
  const ms = ctx.sandbox.autoPayAfterMs;
  if (ms === undefined) return;
  ctx.scheduler.after(ms, () => {
    if (o.status === 'PENDING_PAY') settlePayin(o, 'succeed', ctx);
  });
}
