import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Answer, readAnswer, renderCashier, SESSION_COOKIE } from './cashier-shapes.js';
import type { MockContext } from './context.js';
import { refreshExpiry } from './payin.js';
import { settlePayin } from './settle.js';
import type { PayinOrder } from './store.js';

// The hosted cashier page of the sandbox: a browser (or a test) pays or fails the order here, which is
// how a pay-in reaches SUCCEED or FAILED and triggers the callback — no hidden test endpoint.

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function html(res: ServerResponse, status: number, title: string, inner: string, headers = {}): void {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${inner}</body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(page);
}

function page(o: PayinOrder): string {
  const action = `/checkout/${encodeURIComponent(o.payOrderId)}`;
  const button = (outcome: string, label: string) =>
    `<form method="post" action="${action}"><button type="submit" name="outcome" value="${outcome}">${label}</button></form>`;
  const pending = o.status === 'PENDING_PAY';
  return [
    `<p>Order <code>${escapeHtml(o.payOrderId)}</code> — ${escapeHtml(o.productName)}</p>`,
    `<p>Amount: <strong>${escapeHtml(o.targetAmount)} ${escapeHtml(o.targetCurrency)}</strong></p>`,
    `<p>Status: <span id="status">${o.status}</span></p>`,
    pending ? button('succeed', 'Pay') + button('fail', 'Fail') : '',
  ].join('');
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      text += c;
      if (text.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export async function handleCheckout(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  ctx: MockContext,
  sub = '',
) {
  const order = ctx.store.payins.get(id);
  if (!order) return html(res, 404, 'Order not found', '<p>No such cashier order.</p>');
  refreshExpiry(order);
  const shape = ctx.cashier;
  if ((req.method === 'GET' || req.method === 'HEAD') && sub === '') {
    if (shape === 'buttons') return html(res, 200, 'Lesspay sandbox cashier', page(order));
    const cookie =
      shape === 'card' ? { 'Set-Cookie': `${SESSION_COOKIE}=${order.payOrderId}; Path=/; HttpOnly` } : {};
    return html(res, 200, 'Lesspay sandbox cashier', renderCashier(shape, order), cookie);
  }
  if (req.method !== 'POST') return html(res, 405, 'Method Not Allowed', '', { Allow: 'GET, POST' });
  const body = await readText(req);
  let answer: Answer;
  if (shape === 'buttons') {
    const outcome = sub === '' ? new URLSearchParams(body).get('outcome') : undefined;
    answer =
      outcome === 'succeed' || outcome === 'fail'
        ? { outcome }
        : { status: 400, message: 'outcome must be succeed or fail.' };
  } else answer = readAnswer(shape, order, sub, body, req.headers.cookie);
  if ('status' in answer) return html(res, answer.status, 'Bad request', `<p>${answer.message}</p>`);
  if (order.status !== 'PENDING_PAY')
    return html(res, 409, 'Order already final', `<p>Status: <span id="status">${order.status}</span></p>`);
  settlePayin(order, answer.outcome, ctx);
  if (shape === 'script') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ status: order.status }));
  }
  const to = answer.outcome === 'succeed' ? order.successUrl : order.failUrl;
  html(res, 303, 'Redirecting', `<p><a href="${escapeHtml(to)}">Continue</a></p>`, { Location: to });
}
