import { AssertionError, expect } from 'chai';
import { CheckFailure } from '../outcome.js';

export { expect };

/** Runs chai assertions and turns their failure into a typed CheckFailure with expected vs received. */
export function wrap<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AssertionError) {
      const e = err as Error & { expected?: unknown; actual?: unknown };
      throw new CheckFailure(`${what}: ${e.message}`, e.expected, e.actual);
    }
    throw err;
  }
}

/** A failure when `ok` is false, with the given expected and received values. */
export function ensure(ok: boolean, message: string, expected?: unknown, received?: unknown): void {
  if (!ok) throw new CheckFailure(message, expected, received);
}
