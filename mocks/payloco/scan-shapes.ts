import { createHmac } from 'node:crypto';
import { escapeHtml } from './http-io.js';
import type { Order, ScanShape } from './types.js';

// Wallet pages of other shapes (variants c, d, e) and how each reads the payer's answer. Independent of the Lesspay
// mock's cashier: other words, other fields, other steps.

export type Decision = { pay: boolean } | { status: number; message: string };
type Shape = Exclude<ScanShape, 'buttons'>;

export const NONCE_KEY = 'payloco-wallet-nonce';
export const TEST_CARD = { number: '4000002500003155', expiry: '11/29', cryptogram: '737' };

export function nonceOf(order: Order): string {
  return createHmac('sha256', NONCE_KEY).update(order.orderId).digest('base64url').slice(0, 22);
}

function selectPage(order: Order, summary: string): string {
  return `<form method="get"><label>Sprache <select name="lang"><option>Deutsch</option><option>English</option></select></label>
<input type="submit" value="Wechseln"></form>
${summary}
<form method="post" action="${escapeHtml(encodeURIComponent(order.orderId))}/senden"><h2>Testzahlung</h2>
<input type="hidden" name="nonce" value="${escapeHtml(nonceOf(order))}">
<label>Ergebnis <select name="ergebnis"><option value="--" selected>Bitte wählen</option>
<option value="00">Zahlung erfolgreich</option><option value="51">Abgelehnt (Guthaben unzureichend)</option></select></label>
<input type="submit" value="Absenden"></form>
<form method="post" action="${escapeHtml(encodeURIComponent(order.orderId))}/abbruch"><button>Abbrechen</button></form>`;
}

function cardPage(summary: string): string {
  return `${summary}
<p>Carte de test : 4000 0025 0000 3155 (date d'expiration 11/29, cryptogramme 737)</p>
<form method="post">
<input type="radio" name="issue" id="i1" value="1"><label for="i1">Payer</label>
<input type="radio" name="issue" id="i0" value="0"><label for="i0">Refuser le paiement</label>
<label for="cc">Numéro de carte</label><input id="cc" name="carte" autocomplete="cc-number">
<label for="ex">Date d'expiration</label><input id="ex" name="expiration" autocomplete="cc-exp">
<label for="cr">Cryptogramme (CVC)</label><input id="cr" name="crypto" autocomplete="cc-csc">
<button type="submit">Valider la saisie</button></form>`;
}

// Only a script draws the buttons; they post JSON to decision.
function scriptPage(summary: string): string {
  return `${summary}<div id="wallet"></div><script>
const w = document.getElementById('wallet');
for (const [text, approve] of [['Approve', true], ['Reject', false]]) {
  const b = document.createElement('button');
  b.textContent = text;
  b.addEventListener('click', async () => {
    const r = await fetch(location.pathname.replace(/\\/$/, '') + '/decision', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approve }),
    });
    document.getElementById('status').textContent = (await r.json()).status;
  });
  w.append(b);
}
</script>`;
}

export function renderScan(shape: Shape, order: Order, summary: string): string {
  if (order.status !== 'PENDING') return summary;
  return shape === 'select'
    ? selectPage(order, summary)
    : shape === 'card'
      ? cardPage(summary)
      : scriptPage(summary);
}

/** The payer's answer to a page of the shape; `sub` is the path after the qrCode URL. */
export function readDecision(shape: Shape, order: Order, sub: string, body: string): Decision {
  if (shape === 'select') {
    if (sub === 'abbruch') return { pay: false };
    if (sub !== 'senden') return { status: 404, message: 'Unbekannte Seite.' };
    const form = new URLSearchParams(body);
    if (form.get('nonce') !== nonceOf(order)) return { status: 403, message: 'Ungültige Sitzung (nonce).' };
    const r = form.get('ergebnis');
    if (r === '00') return { pay: true };
    if (r === '51') return { pay: false };
    return { status: 400, message: 'Bitte ein Ergebnis wählen.' };
  }
  if (shape === 'card') {
    if (sub !== '') return { status: 404, message: 'Page inconnue.' };
    const form = new URLSearchParams(body);
    const ok =
      (form.get('carte') ?? '').replace(/\D/g, '') === TEST_CARD.number &&
      form.get('expiration')?.replace(/\s/g, '') === TEST_CARD.expiry &&
      form.get('crypto') === TEST_CARD.cryptogram;
    if (!ok) return { status: 422, message: 'Carte refusée : utilisez la carte de test.' };
    const issue = form.get('issue');
    return issue === '1'
      ? { pay: true }
      : issue === '0'
        ? { pay: false }
        : { status: 400, message: 'Choisissez.' };
  }
  if (sub !== 'decision') return { status: 404, message: 'Unknown page.' };
  try {
    const approve = JSON.parse(body).approve;
    if (typeof approve === 'boolean') return { pay: approve };
  } catch {}
  return { status: 400, message: 'JSON {"approve": boolean} expected.' };
}
