// Exact decimal arithmetic on amount strings (bigint units + scale); floats would make "0.10" + "0.20" ≠ "0.30".

export interface Decimal {
  units: bigint;
  scale: number;
}

/** An amount as Lesspay accepts it: up to 18 integer digits and 8 decimals, no sign, no exponent. */
export const AMOUNT_PATTERN = /^\d{1,18}(\.\d{1,8})?$/;

export function parseDecimal(text: string): Decimal | undefined {
  if (!AMOUNT_PATTERN.test(text)) return undefined;
  const [int, frac = ''] = text.split('.');
  return { units: BigInt(int + frac), scale: frac.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) - rescale(b, scale), scale };
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sum(values: Decimal[]): Decimal {
  return values.reduce(add, { units: 0n, scale: 0 });
}

export function formatDecimal(d: Decimal, minScale = 0): string {
  const scale = Math.max(d.scale, minScale);
  const units = rescale(d, scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`;
}

export function isPositiveAmount(text: string): boolean {
  const d = parseDecimal(text);
  return d !== undefined && d.units > 0n;
}

export function dec(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new RangeError(`not an amount: ${text}`);
  return d;
}
