import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockContext } from './context.js';
import { escapeHtml, readBody, send } from './http-io.js';
import { readDecision, renderScan } from './scan-shapes.js';
import type { Order } from './types.js';

const html = { 'Content-Type': 'text/html; charset=utf-8' };

/**
 * The page an active-QR qrCode points at, standing in for the customer's wallet app: GET shows the order with Pay and
 * Decline buttons, which POST outcome=pay|decline back to the same URL (like a sandbox's payment simulator).
 */
export async function scanPage(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  orderId: string,
  sub = '',
) {
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
  const shape = ctx.behaviour.scanPage;
  if (req.method === 'GET' && sub === '') {
    const body =
      shape === 'buttons'
        ? checkout(order)
        : page('Payloco test wallet', renderScan(shape, order, summary(order)));
    return send(res, 200, html, body);
  }
  if (req.method !== 'POST') {
    return send(res, 405, { ...html, Allow: 'POST' }, page('Method not allowed', '<p>Use POST.</p>'));
  }
  const text = (await readBody(req, 4096)).toString('utf8');
  let pay: boolean;
  if (shape === 'buttons') {
    const outcome = sub === '' ? new URLSearchParams(text).get('outcome') : undefined;
    if (outcome !== 'pay' && outcome !== 'decline') {
      return send(res, 400, html, page('Bad request', '<p>outcome must be pay or decline.</p>'));
    }
    pay = outcome === 'pay';
  } else {
    const decision = readDecision(shape, order, sub, text);
    if ('status' in decision)
      return send(res, decision.status, html, page('Refused', `<p>${decision.message}</p>`));
    pay = decision.pay;
  }
  if (!ctx.store.settle(order, pay ? 'SUCCESS' : 'FAILED')) {
    return send(res, 409, html, page('Already settled', `<p>This order is already ${order.status}.</p>`));
  }
  if (shape === 'script')
    return send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify({ status: order.status }));
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
