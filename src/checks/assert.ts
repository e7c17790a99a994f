import { inspect, isDeepStrictEqual } from 'node:util';
import { CheckFailure } from '../core/outcome.js';

// paycert's own three comparisons (equal, one of, a condition), so the runtime and the published types need no
// assertion library. Messages say what was expected first: "expected '100.50', received '10050'".

/** A value as one line, strings in quotes: '100.50', 10050, [ 200, 201 ], { code: 0 }. */
export function display(value: unknown): string {
  const text = inspect(value, { breakLength: Number.POSITIVE_INFINITY, depth: 3, maxArrayLength: 20 });
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** A failure when `ok` is false, with the given expected and received values. */
export function ensure(ok: boolean, message: string, expected?: unknown, received?: unknown): void {
  if (!ok) throw new CheckFailure(message, expected, received);
}

/** `actual` deeply and strictly equals `expected` (same types, same members); else a failure named `what`. */
export function ensureDeepEqual(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected))
    throw new CheckFailure(
      `${what}: expected ${display(expected)}, received ${display(actual)}`,
      expected,
      actual,
    );
}

/** `actual` is strictly equal to one of `allowed`; else a failure named `what`. */
export function ensureAmong(actual: unknown, allowed: readonly unknown[], what: string): void {
  if (!allowed.includes(actual))
    throw new CheckFailure(
      `${what}: expected one of ${display(allowed)}, received ${display(actual)}`,
      allowed,
      actual,
    );
}
