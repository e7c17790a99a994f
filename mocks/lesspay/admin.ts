import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockContext } from './context.js';
import { approveByHand } from './payout-review.js';

// The mock's test-only stand-in for the merchant dashboard's payout review (sandbox policy payoutReview 'manual'):
// POST /_sandbox/payout/approve {"request_id": …} or {"pay_order_id": …} approves a payout waiting in
// PENDING_CONFIRM, as a person would in the dashboard. Nothing like it is documented; it exists so that paycert's
// payout drivers (--payout-driver command:CMD) can be tested end to end. It is not signed: it is no part of the API.

export const APPROVE_PATH = '/_sandbox/payout/approve';

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function handleApprove(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: MockContext,
): Promise<void> {
  if (req.method !== 'POST') return reply(res, 405, { code: 9999, msg: 'use POST' });
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) return reply(res, 413, { code: 9999, msg: 'body too large' });
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text || '{}');
  } catch {
    return reply(res, 400, { code: 11, msg: 'body is not JSON' });
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const requestId = str(body?.request_id);
  const payOrderId = str(body?.pay_order_id);
  if (!requestId && !payOrderId)
    return reply(res, 400, { code: 11, msg: 'request_id or pay_order_id required' });
  const order = ctx.store.findPayout(requestId, payOrderId);
  if (!order) return reply(res, 404, { code: 30020, msg: 'payout not found' });
  const refused = approveByHand(order, ctx);
  if (refused) return reply(res, 409, { code: 9999, msg: refused });
  reply(res, 200, {
    code: 0,
    msg: 'approved',
    data: {
      pay_order_id: order.payOrderId,
      request_id: order.requestId,
      order_status: order.status,
    },
  });
}
