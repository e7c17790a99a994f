import type { Exchange } from '../core/results.js';
import type { CheckContext, Setup } from './context.js';

// Shared state a group of checks needs (an order exists, a payout waits for review), created once per run through
// the target's public API: the first check to use a setup starts it, the others await the same promise.

export interface SetupRun<T> {
  promise: Promise<T>;
  /** The setup's own exchanges and notes, added to the evidence of every check that uses it. */
  evidence: Exchange[];
  notes: string[];
}

export class Setups {
  private readonly started = new Map<Setup<unknown>, SetupRun<unknown>>();

  /** The run of `setup`, started now in a context `make` gives when it has not started yet. */
  runOf<T>(setup: Setup<T>, make: () => CheckContext): SetupRun<T> {
    let hit = this.started.get(setup as Setup<unknown>);
    if (!hit) {
      const ctx = make();
      hit = { promise: setup.fn(ctx), evidence: ctx.evidence, notes: ctx.notes };
      hit.promise.catch(() => {});
      this.started.set(setup as Setup<unknown>, hit);
    }
    return hit as SetupRun<T>;
  }

  has(setup: Setup<unknown>): boolean {
    return this.started.has(setup);
  }
}
