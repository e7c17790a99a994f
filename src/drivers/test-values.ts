import type { PaymentOutcome } from '../engine/drivers.js';
import type { Control } from './page-forms.js';
import { paymentOutcomeOf } from './words.js';

// Values a cashier asks a person to type (a test card, its expiry and CVC, a one-time code) are taken only from
// what the page itself documents. Nothing is invented: a field the page gives no value for blocks the form.

export type Purpose = 'card' | 'expiry' | 'month' | 'year' | 'cvc' | 'otp' | 'holder';

const PURPOSES: [Purpose, RegExp][] = [
  [
    'cvc',
    /\b(cvc|cvv|cvn|csc|cid)\b|security ?code|card ?code|安全码|安全碼|código de seguridad|prüfnummer|cryptogramme/i,
  ],
  ['expiry', /\b(mm|mes|mois|monat) ?\/ ?(yy|aa|jj|yyyy)\b/i],
  ['month', /exp\w*[ _-]?(month|mm)\b|\bmonth\b|\bmes\b|\bmonat\b|月/i],
  ['year', /exp\w*[ _-]?(year|yy)\b|\byear\b|\baño\b|\bjahr\b|年/i],
  ['expiry', /\bexp|valid ?(thru|until)|vencim|caducidad|ablauf|gültig|有效期|mm ?\/ ?yy/i],
  ['holder', /holder|name on card|cardholder|titular|karteninhaber|titulaire|持卡人/i],
  ['otp', /\b(otp|sms|one[ -]?time|verification code|passcode)\b|验证码|驗證碼|código de verificación/i],
  ['card', /card|\bpan\b|cc-?number|tarjeta|karte|carte|cartão|卡号|卡號|银行卡|信用卡/i],
];

/** What a text field is for, judged by its name, id, autocomplete, placeholder and label. */
export function purposeOf(c: Control): Purpose | undefined {
  const auto: Record<string, Purpose> = {
    'cc-number': 'card',
    'cc-exp': 'expiry',
    'cc-exp-month': 'month',
    'cc-exp-year': 'year',
    'cc-csc': 'cvc',
    'cc-name': 'holder',
    'one-time-code': 'otp',
  };
  const byAuto = c.hint.split(' ').find((w) => auto[w]);
  if (byAuto) return auto[byAuto];
  return PURPOSES.find(([, re]) => re.test(c.hint))?.[0];
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export interface DocumentedCard {
  number: string;
  /** The line of the page that shows it. */
  line: string;
}

// A card number is shown on a line that says it is a card (or a test value): an order number or a timestamp that
// happens to pass the Luhn check is not one.
const CARD_LINE =
  /card|tarjeta|karte|carte|cartão|cartao|卡|test|prueba|测试|測試|essai|teste|visa|mastercard|amex/i;

/** Card numbers the page shows (Luhn-valid, 13–19 digits, on or under a line about cards), each with its line. */
export function documentedCards(text: string): DocumentedCard[] {
  const out: DocumentedCard[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    // The line itself or a heading just above it ("Test cards") says what the number is.
    if (!lines.slice(Math.max(0, i - 2), i + 1).some((l) => CARD_LINE.test(l))) continue;
    // Not glued to letters or other digits (P1796518604442000002 is an order id).
    for (const m of line.matchAll(/(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g)) {
      const number = m[0].replace(/[ -]/g, '');
      if (luhn(number) && !out.some((c) => c.number === number)) out.push({ number, line });
    }
  }
  return out;
}

/** The documented card for an outcome: the one whose line says so, else the only card with a neutral line. */
export function cardFor(text: string, outcome: PaymentOutcome): DocumentedCard | undefined {
  const cards = documentedCards(text);
  const saying = cards.filter((c) => paymentOutcomeOf(c.line) === outcome);
  if (saying.length > 0) return saying[0];
  const neutral = cards.filter((c) => paymentOutcomeOf(c.line) === undefined);
  return outcome === 'success' && neutral.length === 1 ? neutral[0] : undefined;
}

/** A value the page documents for a purpose (expiry "12/34", CVC "123", a one-time code), or undefined. */
export function documentedValue(text: string, purpose: Purpose): string | undefined {
  const near = (keyword: RegExp, value: RegExp) => {
    for (const line of text.split('\n')) {
      const k = keyword.exec(line);
      if (!k) continue;
      const v = value.exec(line.slice(k.index + k[0].length));
      if (v) return v;
    }
    return undefined;
  };
  const expiry = () =>
    near(
      /\bexp\w*|valid (thru|until)|vencim\w*|caducidad|ablauf\w*|gültig\w*|有效期|mm ?\/ ?yy/i,
      /(?<!\d)(0[1-9]|1[0-2]) ?\/ ?(\d{4}|\d{2})(?!\d)/,
    );
  switch (purpose) {
    case 'expiry': {
      const m = expiry();
      return m ? `${m[1]}/${m[2]}` : undefined;
    }
    case 'month':
      return expiry()?.[1];
    case 'year':
      return expiry()?.[2];
    case 'cvc':
      return near(
        /\b(cvc|cvv|cvn|csc)\b|security code|安全码|código de seguridad|prüfnummer|cryptogramme|kryptogramm/i,
        /^\D{0,20}?(\d{3,4})(?!\d)/,
      )?.[1];
    case 'otp':
      return near(
        /\b(otp|sms code|one[ -]?time code|verification code|passcode)\b|验证码|código de verificación/i,
        /^\D{0,20}?(\d{4,8})(?!\d)/,
      )?.[1];
    default:
      return undefined;
  }
}
