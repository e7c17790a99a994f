import { AssertionError, expect, util } from 'chai';
import { CheckFailure } from '../core/outcome.js';

export { expect };

/**
 * chai words a failure from the received value ("expected '10050' to deeply equal '100.50'"), which reads as if
 * 10050 were expected. paycert's messages say what was expected first: "expected '100.50', received '10050'".
 */
export function expectedFirst(message: string, actual: unknown): string {
  const received = util.objDisplay(actual as object);
  const head = `expected ${received} `;
  if (!message.startsWith(head)) return message;
  const rest = message.slice(head.length);
  const m = /^(?:(not )?to (not )?)(.*)$/s.exec(rest);
  if (!m) return message;
  const phrase = m[3]!
    .replace(/^(?:deeply |strictly )?equal /, '')
    .replace(/^be /, '')
    .replace(/^match /, 'a match for ')
    .replace(/^include /, 'something including ')
    .replace(/^have /, '');
  return `expected ${m[1] || m[2] ? 'anything but ' : ''}${phrase}, received ${received}`;
}

/** Runs chai assertions and turns their failure into a typed CheckFailure with expected vs received. */
export function wrap<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AssertionError) {
      const e = err as Error & { expected?: unknown; actual?: unknown };
      throw new CheckFailure(`${what}: ${expectedFirst(e.message, e.actual)}`, e.expected, e.actual);
    }
    throw err;
  }
}

/** A failure when `ok` is false, with the given expected and received values. */
export function ensure(ok: boolean, message: string, expected?: unknown, received?: unknown): void {
  if (!ok) throw new CheckFailure(message, expected, received);
}
