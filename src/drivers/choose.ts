import type { PaymentOutcome } from '../engine/drivers.js';
import type { Control, PageForm, ParsedPage } from './page-forms.js';
import { cardFor, documentedValue, type Purpose, purposeOf } from './test-values.js';
import { paymentOutcomeOf, strength } from './words.js';

// Which form of a page, with which values, leads to the outcome. Each form is scored by the controls that speak for
// the outcome (a button, a select option, a radio); the best form wins only when no other form scores the same.

export interface Submission {
  form: PageForm;
  method: 'GET' | 'POST';
  action: string;
  fields: [string, string][];
  /** What was chosen and why, for the report: `result=1 ("支付成功")`. */
  chose: string[];
  /** Values typed from the page's own documentation: `card_no=4242… (shown on the page: "Test card …")`. */
  typed: string[];
  score: number;
}

export type Choice = { submission: Submission } | { reason: string };

// Names of a control that decide the result (outcome=…, result=…, 结果=…): a choice there counts a little more.
const DECIDING =
  /outcome|result|status|simulat|action|decision|respon|resultado|ergebnis|résultat|resultat|结果|結果|状态/i;

const show = (c: Control, value: string, label: string) =>
  `${c.name || '(unnamed)'}=${value}${label && label !== value ? ` ("${label}")` : ''}`;

function textOf(value: string, label: string): string {
  return `${value} ${label}`;
}

/** The option of a select or radio group that speaks for the outcome, if any. */
function bestOption(options: { value: string; label: string }[], outcome: PaymentOutcome) {
  let best: { value: string; label: string; score: number } | undefined;
  for (const o of options) {
    const score = strength(textOf(o.value, o.label), outcome);
    if (score > 0 && (!best || score > best.score)) best = { ...o, score };
  }
  return best;
}

function fill(
  purpose: Purpose,
  page: ParsedPage,
  outcome: PaymentOutcome,
): { value?: string; why?: string; score?: number } {
  if (purpose === 'card') {
    const card = cardFor(page.text, outcome);
    if (!card) return {};
    // A card the page names for this outcome speaks for it; the one neutral test card is a way to pay.
    const score = paymentOutcomeOf(card.line) === outcome ? 2 : 1;
    return { value: card.number, why: `shown on the page: "${card.line.slice(0, 80)}"`, score };
  }
  const value = documentedValue(page.text, purpose);
  return value ? { value, why: 'shown on the page' } : {};
}

/** The submission of one form for the outcome, or why the form cannot give it (undefined: it says nothing of it). */
function submissionOf(
  form: PageForm,
  page: ParsedPage,
  outcome: PaymentOutcome,
): Submission | string | undefined {
  const fields: [string, string][] = [];
  const chose: string[] = [];
  const typed: string[] = [];
  let score = 0;
  const groups = new Map<string, Control[]>();
  for (const c of form.controls) {
    if (c.kind === 'radio') groups.set(c.name, [...(groups.get(c.name) ?? []), c]);
  }
  for (const c of form.controls) {
    if (!c.name && c.kind !== 'submit') continue;
    if (c.kind === 'hidden' || c.kind === 'textarea') fields.push([c.name, c.value]);
    else if (c.kind === 'checkbox') {
      if (c.checked || c.required) fields.push([c.name, c.value]);
    } else if (c.kind === 'select') {
      const purpose = purposeOf(c);
      const wanted =
        purpose === 'month' || purpose === 'year' ? documentedValue(page.text, purpose) : undefined;
      const byDoc = wanted
        ? c.options.find((o) => o.value === wanted || o.value.endsWith(wanted))
        : undefined;
      const best = byDoc ? undefined : bestOption(c.options, outcome);
      const value = byDoc?.value ?? best?.value ?? c.value;
      if (best) {
        score += best.score + (DECIDING.test(c.hint) ? 1 : 0);
        chose.push(show(c, best.value, best.label));
      } else if (c.options.length > 0) {
        const shown = c.options.find((o) => o.value === value);
        // A default that speaks for another outcome would submit the opposite of what was asked.
        if (shown && paymentOutcomeOf(textOf(shown.value, shown.label)) && !byDoc) return undefined;
      }
      fields.push([c.name, value]);
    } else if (c.kind === 'text') {
      if (c.value) {
        fields.push([c.name, c.value]);
        continue;
      }
      const purpose = purposeOf(c);
      const got = purpose ? fill(purpose, page, outcome) : {};
      if (got.value !== undefined) {
        fields.push([c.name, got.value]);
        typed.push(`${c.name}=${got.value} (${got.why})`);
        score += got.score ?? 0;
      } else if (c.required || purpose === 'card' || purpose === 'cvc' || purpose === 'expiry') {
        return `form ${form.index} asks for "${c.label || c.name}" and the page shows no test value for it`;
      } else fields.push([c.name, '']);
    }
  }
  for (const [name, radios] of groups) {
    const best = bestOption(
      radios.map((r) => ({ value: r.value, label: r.label })),
      outcome,
    );
    const checked = radios.find((r) => r.checked);
    if (best) {
      score += best.score + (DECIDING.test(`${name} ${radios[0].hint}`) ? 1 : 0);
      chose.push(show(radios[0], best.value, best.label));
      fields.push([name, best.value]);
    } else if (checked) {
      if (paymentOutcomeOf(textOf(checked.value, checked.label))) return undefined;
      fields.push([name, checked.value]);
    }
  }
  // The button: one that speaks for the outcome, else a neutral one ("Submit", "提交"); never one for another outcome.
  const buttons = form.controls.filter((c) => c.kind === 'submit');
  const scored = buttons.map((b) => ({ b, s: strength(textOf(b.value, b.label), outcome) }));
  const forOutcome = scored.filter((x) => x.s > 0).sort((x, y) => y.s - x.s)[0];
  const neutral = buttons.find((b) => paymentOutcomeOf(textOf(b.value, b.label)) === undefined);
  const button = forOutcome?.b ?? neutral;
  if (buttons.length > 0 && !button) return undefined;
  if (forOutcome) {
    score += forOutcome.s + (DECIDING.test(button!.hint) ? 1 : 0);
    chose.push(`button ${button!.name ? show(button!, button!.value, button!.label) : `"${button!.label}"`}`);
  }
  if (button?.name) fields.push([button.name, button.value]);
  // Only a form with something that speaks for the outcome is a way to it; the form's own words add to a score.
  if (score === 0) return undefined;
  score += strength(form.context, outcome) / 2;
  const method = button?.method?.toUpperCase() === 'POST' ? 'POST' : button?.method ? 'GET' : form.method;
  return { form, method, action: button?.action ?? form.action, fields, chose, typed, score };
}

const same = (a: Submission, b: Submission) =>
  a.action === b.action && JSON.stringify(a.fields) === JSON.stringify(b.fields);

/** The one submission that leads to the outcome, or why there is none (nothing speaks for it, or two forms tie). */
export function choose(page: ParsedPage, outcome: PaymentOutcome): Choice {
  const found: Submission[] = [];
  const blocked: string[] = [];
  for (const form of page.forms) {
    const s = submissionOf(form, page, outcome);
    if (typeof s === 'string') blocked.push(s);
    else if (s) found.push(s);
  }
  found.sort((a, b) => b.score - a.score);
  const [best, next] = found;
  if (!best) {
    const what = `no form on the page clearly leads to a ${outcome === 'success' ? 'successful' : outcome === 'failure' ? 'failed' : 'cancelled'} payment`;
    const forms = page.forms.length === 0 ? 'the page has no form' : `${page.forms.length} form(s) looked at`;
    const js =
      page.forms.length === 0 && page.scripted
        ? '; it runs scripts, so it may need a browser (--driver browser:FILE)'
        : '';
    return { reason: `${what} (${[forms, ...blocked].join('; ')})${js}` };
  }
  if (next && next.score === best.score && !same(best, next)) {
    return {
      reason: `forms ${best.form.index} and ${next.form.index} look equally like the way to this outcome (${best.chose.join(', ')} / ${next.chose.join(', ')}); paycert does not guess`,
    };
  }
  return { submission: best };
}
