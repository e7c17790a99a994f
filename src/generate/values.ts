import fc from 'fast-check';
import type { Field } from './schema-walk.js';

// fast-check arbitraries for the values the cases send. Each one stays inside (positive) or outside (negative)
// exactly one constraint of its field, so a failure names one rule; fast-check shrinks a failing value to the
// smallest one that still fails.

const word = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
  minLength: 1,
  maxLength: 8,
});

/** Values of a JSON type the field does not allow, never null (null reads as "absent" to many gateways). */
export function wrongType(field: Field): fc.Arbitrary<unknown> {
  const allowed = new Set(field.types);
  const options: fc.Arbitrary<unknown>[] = [];
  // Numbers are offered to string fields only for amounts, which L6 names: a string field that takes a number
  // is the Jackson default of a Java gateway, which the profile does not rule on.
  if (!allowed.has('object'))
    options.push(fc.dictionary(word, fc.oneof(word, fc.integer()), { minKeys: 1, maxKeys: 2 }));
  if (!allowed.has('array'))
    options.push(fc.array(fc.oneof(word, fc.integer()), { minLength: 1, maxLength: 3 }));
  if (field.amount && !allowed.has('number'))
    options.push(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0.01, max: 1e5, noNaN: true }));
  if (!allowed.has('string')) options.push(word.map((w) => `x${w}`));
  if (!allowed.has('boolean') && !allowed.has('string')) options.push(fc.boolean());
  if (!allowed.has('integer') && !allowed.has('string') && !allowed.has('boolean'))
    options.push(fc.integer({ min: 2, max: 1000 }));
  return fc.oneof(...options);
}

const ID_CHARS = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789');

/** Filler of exactly `n` characters (letters and digits). */
export function filler(n: number): fc.Arbitrary<string> {
  return fc.string({ unit: ID_CHARS, minLength: n, maxLength: n });
}

/** Non-ASCII text of the Basic Multilingual Plane (one UTF-16 unit each, so Java and JSON Schema count alike). */
export function nonAscii(maxLength: number): fc.Arbitrary<string> {
  const chars = fc.constantFrom(...'éüñøßçåЖыдлй中文日本語กขعربية€');
  return fc
    .tuple(
      fc.string({ unit: chars, minLength: 1, maxLength: Math.max(1, Math.min(12, maxLength - 1)) }),
      fc.boolean(),
    )
    .map(([text, withAscii]) => (withAscii && text.length < maxLength ? `${text}x` : text));
}

/** Strings that are not a positive decimal amount: zero, negative, or not a number at all. */
export const badAmount: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '0.00', '0.0'),
  fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 99 }))
    .map(([i, c]) => `-${i}.${String(c).padStart(2, '0')}`),
  fc.constantFrom('abc', '1,50', 'ten', '1.2.3', 'NaN', '12 USD'),
);

/**
 * Positive decimal amounts in the spellings a merchant may use: "12", "12.5", "12.50", "0.07"; with a floor, whole
 * parts from the floor up (and no "0.xx").
 */
export function amountSpelling(floor = 1): fc.Arbitrary<string> {
  const whole = fc.integer({ min: floor, max: floor + 998 });
  const spellings = [
    whole.map(String),
    fc.tuple(whole, fc.integer({ min: 1, max: 9 })).map(([i, d]) => `${i}.${d}`),
    fc.tuple(whole, fc.integer({ min: 0, max: 99 })).map(([i, c]) => `${i}.${String(c).padStart(2, '0')}`),
  ];
  if (floor <= 1)
    spellings.push(fc.integer({ min: 1, max: 99 }).map((c) => `0.${String(c).padStart(2, '0')}`));
  return fc.oneof(...spellings);
}

/** URLs that are not http(s): another scheme, no scheme, or a script. */
export const badUrl: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom('ftp', 'file', 'gopher', 'ws', 'mailto'), word)
    .map(([s, w]) => `${s}://merchant.paycert.example/${w}`),
  word.map((w) => `merchant.paycert.example/${w}`),
  word.map((w) => `//merchant.paycert.example/${w}`),
  fc.constant('javascript:alert(1)'),
);

/** Variations of a valid value (or of a word, where the valid body holds none) that break the field's pattern. */
export function patternBreaks(field: Field, valid: unknown): string[] {
  const re = new RegExp(field.pattern!);
  const v = typeof valid === 'string' && valid !== '' ? valid : 'PAYCERT';
  const candidates = [v.toLowerCase(), `${v}!`, v.slice(0, 1), ` ${v}`, `${v}${v}${v}${v}`, '#'];
  const breaking = [...new Set(candidates)].filter((c) => !re.test(c));
  if (breaking.length === 0) throw new Error(`no value breaks ${field.pattern}`);
  return breaking;
}

/** A value of the enum's own type that is not one of its values. */
export function enumBreak(field: Field): fc.Arbitrary<unknown> {
  const values = field.enum!;
  if (values.every((v) => typeof v === 'number')) {
    const nums = values as number[];
    return fc.integer({ min: -5, max: Math.max(...nums) + 5 }).filter((n) => !nums.includes(n));
  }
  const strings = values.map(String);
  const candidates = strings.flatMap((v) => [`${v}X`, `${v}_2`]);
  return fc.constantFrom(...candidates.filter((c) => !strings.includes(c)), 'UNDOCUMENTED');
}

/** Strings that are not the named format. */
export function formatBreaks(format: string): string[] {
  if (format === 'date-time') return ['yesterday', '2026-13-45T25:61:00Z', '06/12/2026 10:00'];
  if (format === 'email') return ['not-an-email', 'juan@', '@paycert.example'];
  return ['%%%'];
}

/** An integer below the field's minimum. */
export function belowMinimum(field: Field): fc.Arbitrary<number> {
  return fc.integer({ min: -1000, max: (field.minimum ?? 1) - 1 });
}

/** A path segment no gateway documents. */
export const unknownSegment: fc.Arbitrary<string> = word.map((w) => `no-such-${w}`);

export { fc };
