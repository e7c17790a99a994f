import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockContext } from './context.js';
import { escapeHtml, readBody, send } from './http-io.js';
import type { Order } from './types.js';

const html = { 'Content-Type': 'text/html; charset=utf-8' };

/**
 * The page an active-QR qrCode points at, standing in for the customer's wallet app: GET shows the order with Pay and
 * Decline buttons, which POST outcome=pay|decline back to the same URL (like a sandbox's payment simulator).
 */
export async function scanPage(ctx: MockContext, req: IncomingMessage, res: ServerResponse, orderId: string) {
  const order = ctx.store.get(orderId);
  if (req.method !== 'GET' && req.method !== 'POST') {
    req.resume();
    return send(
      res,
      405,
      { ...html, Allow: 'GET, POST' },
      page('Method not allowed', '<p>Use GET or POST.</p>'),
    );
  }
  if (order?.kind !== 'QRCODE') {
    req.resume();
    return send(res, 404, html, page('Unknown QR code', '<p>No active QR order has this code.</p>'));
  }
  if (req.method === 'GET') return send(res, 200, html, checkout(order));

  const form = new URLSearchParams((await readBody(req, 4096)).toString('utf8'));
  const outcome = form.get('outcome');
  if (outcome !== 'pay' && outcome !== 'decline') {
    return send(res, 400, html, page('Bad request', '<p>outcome must be pay or decline.</p>'));
  }
  if (!ctx.store.settle(order, outcome === 'pay' ? 'SUCCESS' : 'FAILED')) {
    return send(res, 409, html, page('Already settled', `<p>This order is already ${order.status}.</p>`));
  }
  return send(res, 200, html, page(`Payment ${order.status}`, summary(order)));
}

function checkout(order: Order): string {
  const buttons =
    order.status === 'PENDING'
      ? `<form method="post"><button name="outcome" value="pay">Pay</button>
<button name="outcome" value="decline">Decline</button></form>`
      : '';
  return page('Payloco test wallet', `${summary(order)}${buttons}`);
}

function summary(order: Order): string {
  return `<dl><dt>Order</dt><dd>${escapeHtml(order.merchantOrderId)}</dd>
<dt>Amount</dt><dd>${escapeHtml(order.transAmt)} ${escapeHtml(order.currency)}</dd>
<dt>Status</dt><dd id="status">${order.status}</dd></dl>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1><p>Payloco sandbox simulator (paycert mock). Not a real payment.</p>${body}</body></html>
`;
}
