import type { PaymentOutcome } from '../engine/drivers.js';

// What a control on a test page means, judged by the words in its name, value and label. Test cashiers are written
// in many languages and naming styles (outcome=succeed, result=1 "支付成功", accion=aprobar, "Bezahlen"), so the
// words are stems matched at the start of a token (Latin scripts, accents folded) or anywhere (CJK).

// biome-ignore format: word lists read best packed
const STEMS: Record<PaymentOutcome, string[]> = {
  success: [
    'succe', 'approv', 'aprob', 'aprov', 'approuv', 'authoris', 'authoriz', 'autoriz', 'confirm', 'bestatig',
    'complet', 'accept', 'akzept', 'captur', 'settl', 'paid', 'pagad', 'pagat', 'pagar', 'pago', 'pague',
    'bezahl', 'erfolg', 'genehmig', 'reuss', 'exito', 'sucess', 'payer', 'paye', 'valider', 'validar',
  ],
  failure: [
    'fail', 'declin', 'deny', 'denied', 'reject', 'refus', 'error', 'rechaz', 'deneg', 'fallar', 'fallid',
    'fallo', 'fehl', 'ablehn', 'abgelehnt', 'echec', 'echou', 'rifiut', 'fallit', 'recus', 'falh', 'insufficient',
    'unsuccess', 'unpaid',
  ],
  cancel: ['cancel', 'abort', 'abbrech', 'storn', 'annul', 'anular', 'back'],
};
// Whole tokens only: short words that would match far too much as prefixes.
const EXACT: Record<PaymentOutcome, string[]> = {
  success: ['pay', 'zahlen'],
  failure: ['nsf'],
  cancel: ['quit'],
};
// Words that also mean other things on a page (a cookie banner's "Accept", a "Confirm" of an address): they count
// half as much as the words of paying.
// biome-ignore format: word lists read best packed
const WEAK = ['confirm', 'bestatig', 'complet', 'accept', 'akzept', 'valider', 'validar', '确认', '確認', '完成', '同意', '通过', '通過'];
// biome-ignore format: word lists read best packed
const CJK: Record<PaymentOutcome, string[]> = {
  success: ['成功', '支付', '付款', '确认', '確認', '完成', '批准', '通过', '通過', '同意'],
  failure: ['失败', '失敗', '拒绝', '拒絕', '拒付', '错误', '錯誤', '未支付', '不成功', '不通过', '不支付'],
  cancel: ['取消', '返回', '放弃', '放棄'],
};
// biome-ignore format: word lists read best packed
const NEGATIONS = new Set(['not', 'dont', 'don', 'nicht', 'kein', 'keine', 'pas', 'nao', 'non', 'no', 'sin', 'without']);

/** Lower-case ASCII-ish tokens: accents folded, camelCase and snake_case split. */
export function tokens(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Weight of a token for an outcome: 2 for a word of paying, 1 for a weak word, 0 for none. */
function weight(tok: string, outcome: PaymentOutcome): number {
  const stem = STEMS[outcome].find((s) => tok.startsWith(s));
  if (stem) return WEAK.includes(stem) ? 1 : 2;
  return EXACT[outcome].includes(tok) ? 2 : 0;
}

function hits(text: string, outcome: PaymentOutcome): number {
  const toks = tokens(text);
  let n = 0;
  for (let i = 0; i < toks.length; i++) {
    // "do not pay", "nicht bezahlen": a negated success word counts for failure instead.
    const negated = i > 0 && NEGATIONS.has(toks[i - 1]);
    if (outcome === 'success' && negated) continue;
    n += weight(toks[i], outcome);
    if (outcome === 'failure' && negated) n += weight(toks[i], 'success');
  }
  for (const w of CJK[outcome]) if (text.includes(w)) n += WEAK.includes(w) ? 1 : 2;
  return n;
}

export interface Meaning {
  success: number;
  failure: number;
  cancel: number;
}

export function meaning(text: string): Meaning {
  let success = hits(text, 'success');
  const failure = hits(text, 'failure');
  const cancel = hits(text, 'cancel');
  // "支付失败", "payment declined", "cancel payment": the negative word decides; "支付" alone is not a success.
  if (failure > 0 || cancel > 0) success = 0;
  return { success, failure, cancel };
}

/** The single outcome the text clearly stands for, or undefined when it says none or several. */
export function paymentOutcomeOf(text: string): PaymentOutcome | undefined {
  const m = meaning(text);
  const found = (Object.keys(m) as PaymentOutcome[]).filter((k) => m[k] > 0);
  return found.length === 1 ? found[0] : undefined;
}

/** How strongly the text stands for the outcome (0: not at all, or also for another outcome). */
export function strength(text: string, outcome: PaymentOutcome): number {
  return paymentOutcomeOf(text) === outcome ? meaning(text)[outcome] : 0;
}
