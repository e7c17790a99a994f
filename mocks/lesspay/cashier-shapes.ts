import { createHash } from 'node:crypto';
import type { CashierShape } from './context.js';
import type { PayinOrder } from './store.js';

// The other shapes of the hosted cashier (variants c, d, e). Each renders the page a payer sees and reads the
// payer's answer back into succeed or fail; the docs promise none of these field names, values or words.

export type Outcome = 'succeed' | 'fail';
export type Answer = { outcome: Outcome } | { status: number; message: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Per-order token of the select shape's form: a stale or missing one is refused, like a CSRF token. */
export function formToken(o: PayinOrder): string {
  return createHash('sha256').update(`lesspay-cashier:${o.payOrderId}`).digest('hex').slice(0, 24);
}

export const TEST_CARD = { number: '4111111111111111', expiry: '12/30', cvv: '123' };
export const SESSION_COOKIE = 'lp_cashier_sid';

const summary = (o: PayinOrder) =>
  `<p>订单 / Order <code>${escapeHtml(o.payOrderId)}</code></p><p>${escapeHtml(o.targetAmount)} ${escapeHtml(o.targetCurrency)}</p><p>Status: <span id="status">${o.status}</span></p>`;

function selectPage(o: PayinOrder): string {
  const base = `/checkout/${encodeURIComponent(o.payOrderId)}`;
  return [
    `<form method="get" action="${base}"><label>语言 <select name="lang"><option value="zh">中文</option><option value="en">English</option></select></label><button>切换</button></form>`,
    summary(o),
    `<form method="post" action="${base}/simulate" id="sim"><fieldset><legend>沙箱模拟</legend>`,
    `<input type="hidden" name="token" value="${formToken(o)}">`,
    `<label for="r">模拟结果</label><select id="r" name="sim_result"><option value="">请选择</option><option value="1">支付成功</option><option value="2">支付失败</option></select>`,
    `<button type="submit">提交</button></fieldset></form>`,
    `<form method="get" action="${escapeHtml(o.failUrl)}"><button>取消支付</button></form>`,
  ].join('');
}

function cardPage(o: PayinOrder): string {
  return [
    summary(o),
    `<p>Tarjeta de prueba: 4111 1111 1111 1111 — vencimiento 12/30, CVV 123.</p>`,
    `<form method="post">`,
    `<label><input type="radio" name="accion" value="A"> Aprobar el pago</label>`,
    `<label><input type="radio" name="accion" value="R"> Rechazar el pago</label>`,
    `<label for="n">Número de tarjeta</label><input id="n" name="numero_tarjeta" inputmode="numeric" required>`,
    `<label for="v">Vencimiento (MM/AA)</label><input id="v" name="vencimiento" required>`,
    `<label for="c">CVV</label><input id="c" name="cvv" required>`,
    `<button type="submit">Continuar</button></form>`,
  ].join('');
}

// No form at all: the buttons exist only once the script has run, and they post JSON.
function scriptPage(o: PayinOrder): string {
  const api = JSON.stringify(`/checkout/${encodeURIComponent(o.payOrderId)}/confirm`);
  return `${summary(o)}<div id="root"><noscript>Enable JavaScript to pay.</noscript></div><script>
const root = document.getElementById('root');
for (const [label, result] of [['Pay now', 'SUCCEED'], ['Decline', 'FAILED']]) {
  const b = document.createElement('button');
  b.textContent = label;
  b.onclick = async () => {
    const r = await fetch(${api}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ result }) });
    document.getElementById('status').textContent = (await r.json()).status;
  };
  root.appendChild(b);
}
</script>`;
}

export function renderCashier(shape: Exclude<CashierShape, 'buttons'>, o: PayinOrder): string {
  if (o.status !== 'PENDING_PAY') return summary(o);
  return shape === 'select' ? selectPage(o) : shape === 'card' ? cardPage(o) : scriptPage(o);
}

/** Reads the payer's answer to a page of the shape; `sub` is the path under the order's page. */
export function readAnswer(
  shape: Exclude<CashierShape, 'buttons'>,
  o: PayinOrder,
  sub: string,
  body: string,
  cookie: string | undefined,
): Answer {
  if (shape === 'select') {
    if (sub !== 'simulate') return { status: 404, message: 'No such page.' };
    const form = new URLSearchParams(body);
    if (form.get('token') !== formToken(o)) return { status: 403, message: '表单已过期 (token)。' };
    const r = form.get('sim_result');
    return r === '1'
      ? { outcome: 'succeed' }
      : r === '2'
        ? { outcome: 'fail' }
        : { status: 400, message: '请选择模拟结果。' };
  }
  if (shape === 'card') {
    if (sub !== '') return { status: 404, message: 'No such page.' };
    if (!cookie?.split(/;\s*/).includes(`${SESSION_COOKIE}=${o.payOrderId}`))
      return { status: 403, message: 'Sesión caducada: abra de nuevo la página.' };
    const form = new URLSearchParams(body);
    const card = (form.get('numero_tarjeta') ?? '').replace(/\D/g, '');
    if (
      card !== TEST_CARD.number ||
      form.get('vencimiento')?.trim() !== TEST_CARD.expiry ||
      form.get('cvv')?.trim() !== TEST_CARD.cvv
    )
      return { status: 422, message: 'Tarjeta rechazada: use la tarjeta de prueba.' };
    const a = form.get('accion');
    return a === 'A'
      ? { outcome: 'succeed' }
      : a === 'R'
        ? { outcome: 'fail' }
        : { status: 400, message: 'Elija una acción.' };
  }
  if (sub !== 'confirm') return { status: 404, message: 'No such page.' };
  let result: unknown;
  try {
    result = JSON.parse(body).result;
  } catch {
    return { status: 400, message: 'JSON expected.' };
  }
  return result === 'SUCCEED'
    ? { outcome: 'succeed' }
    : result === 'FAILED'
      ? { outcome: 'fail' }
      : { status: 400, message: 'result?' };
}
