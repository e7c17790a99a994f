import type { Exchange } from '../core/results.js';

// Shared state a group of checks needs (an order exists, a payout waits for review), created once per run through
// the target's public API: the first check to use a setup starts it, the others await the same promise.

/** What a setup runs in: a check context, whose exchanges and notes become the setup's evidence. */
interface SetupContext {
  readonly evidence: Exchange[];
  readonly notes: string[];
}

export interface SetupRun<T> {
  promise: Promise<T>;
  /** The setup's own exchanges and notes, added to the evidence of every check that uses it. */
  evidence: Exchange[];
  notes: string[];
}

type AnySetup<C> = { fn: (ctx: C) => Promise<unknown> };

export class Setups<C extends SetupContext> {
  private readonly started = new Map<AnySetup<C>, SetupRun<unknown>>();

  /** The run of `setup`, started now in a context `make` gives when it has not started yet. */
  runOf<T>(setup: { fn: (ctx: C) => Promise<T> }, make: () => C): SetupRun<T> {
    let hit = this.started.get(setup);
    if (!hit) {
      const ctx = make();
      hit = { promise: setup.fn(ctx), evidence: ctx.evidence, notes: ctx.notes };
      hit.promise.catch(() => {});
      this.started.set(setup, hit);
    }
    return hit as SetupRun<T>;
  }

  has(setup: AnySetup<C>): boolean {
    return this.started.has(setup);
  }
}
