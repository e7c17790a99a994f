import type { Field } from './schema-walk.js';

// The documented corner values of each generated family, tried first on every run whatever the seed (then
// fast-check draws random values after them, within --budget). Each corner stays inside (positive) or outside
// (negative) exactly one constraint of its field, as the random values of values.ts do; a corner is the value a
// random draw reaches only by luck: a boundary, each JSON type a field refuses, an amount spelled with a trailing
// zero, non-ASCII text filling the whole length.

/** A value computed from the valid one it replaces: the same amount as a JSON number keeps a batch's sum right. */
export class Derived {
  constructor(
    readonly description: string,
    readonly of: (valid: unknown) => unknown,
  ) {}
  toJSON(): string {
    return this.description;
  }
}

/** One value of each JSON type the field does not allow (never null), in the order wrongType() offers them. */
export function wrongTypeCorners(field: Field): unknown[] {
  const allowed = new Set(field.types);
  const out: unknown[] = [];
  if (!allowed.has('object')) out.push({ paycert: 'x' });
  if (!allowed.has('array')) out.push(['x', 1]);
  // L6: an amount is a string; the same amount as a JSON number is the classic mistake (and keeps a batch's total
  // equal to the sum of its details, so nothing else is wrong with the request).
  if (field.amount && !allowed.has('number'))
    out.push(
      new Derived('the valid amount as a JSON number', (v) => (typeof v === 'string' ? Number(v) : 100)),
    );
  if (!allowed.has('string')) out.push('x');
  if (!allowed.has('boolean') && !allowed.has('string')) out.push(true);
  if (!allowed.has('integer') && !allowed.has('string') && !allowed.has('boolean')) out.push(2);
  return out;
}

/** Zero in two spellings, a negative amount, and text that is no number. */
export const BAD_AMOUNT_CORNERS = ['0', '0.00', '-1.00', 'abc', '1,50'];

/** Another scheme, no scheme, a script. */
export const BAD_URL_CORNERS = [
  'ftp://merchant.paycert.example/x',
  'merchant.paycert.example/x',
  'javascript:alert(1)',
];

/** The boundary just below the minimum, and a negative number. */
export function belowMinimumCorners(field: Field): number[] {
  const min = field.minimum ?? 1;
  return [...new Set([min - 1, Math.min(-1, min - 2)])];
}

/** A value of the enum's own type next to its values: one past each end for numbers, an unknown word for strings. */
export function enumBreakCorners(field: Field): unknown[] {
  const values = field.enum!;
  if (values.every((v) => typeof v === 'number')) {
    const nums = values as number[];
    return [Math.min(...nums) - 1, Math.max(...nums) + 1].filter((n) => !nums.includes(n));
  }
  const strings = values.map(String);
  return ['UNDOCUMENTED', `${strings[0]}X`].filter((c) => !strings.includes(c));
}

const NON_ASCII = 'Zürich東京Ωéñøßçå中文日本語กขعربيةЖыдлй€';

/**
 * Non-ASCII text: a short mixed string, and (for a field with a maximum) exactly the maximum in characters, which a
 * target counting bytes instead of characters refuses.
 */
export function nonAsciiCorners(maxLength: number | undefined): string[] {
  const short = NON_ASCII.slice(0, Math.min(12, maxLength ?? 12));
  if (maxLength === undefined) return [short];
  const full = NON_ASCII.repeat(Math.ceil(maxLength / NON_ASCII.length)).slice(0, maxLength);
  return full === short ? [short] : [short, full];
}

/**
 * Valid amounts in the spellings a target may normalise on the way back: whole, one decimal, a trailing zero
 * ("100.50" → "100.5"), zero cents ("100.00" → "100"), a leading zero in the cents; with a floor, from the floor up.
 */
export function amountSpellingCorners(floor = 1): string[] {
  const whole = floor + 99;
  const out = [`${whole}`, `${whole}.5`, `${whole}.50`, `${whole}.00`, `${whole}.05`];
  if (floor <= 1) out.push('0.07');
  return out;
}

/** Query windows (ms) at the edges of each L8 case. */
export const WINDOW_CORNERS: Record<string, number[]> = {
  inside: [3_600_000, 604_800_000 - 60_000],
  'over-seven-days': [604_800_001, 604_800_000 + 86_400_000],
  reversed: [1, 604_800_000],
};

/** A sibling path segment no gateway documents. */
export const UNKNOWN_SEGMENT_CORNERS = ['no-such-path'];
