import fc from 'fast-check';
import { CheckFailure, SetupError } from '../core/outcome.js';
import type { CheckContext } from '../engine/context.js';
import { checkSeed, DEFAULT_BUDGET, type Generation } from '../engine/generation.js';

// Runs one generated check as a fast-check property: first the family's corner values (corners.ts), the same on
// every run, then `budget` inputs drawn with a seed derived from the run's seed
// and the check ID (so `--seed S --only ID` replays one check exactly, whatever else runs), and on a failure
// fast-check shrinks the input to the smallest one that still fails. Only a CheckFailure counts as a failing
// input: a transport error, a failed setup or a skip ends the check at once, as in any other check.

export { checkSeed, DEFAULT_BUDGET, type Generation, randomSeed } from '../engine/generation.js';

function show(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) => (v === undefined ? null : v));
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * Tries `test` on each of `corners` in order, the same values whatever the seed and however slow the target (no time
 * limit cuts them short), then on `budget` inputs drawn from `arb`. Exchanges of passing inputs are dropped from the
 * evidence once a failing one is found, so the evidence shows the failing input.
 */
export async function property<T>(
  t: CheckContext,
  arb: fc.Arbitrary<T>,
  test: (value: T) => Promise<void>,
  corners: readonly T[] = [],
): Promise<void> {
  const gen: Generation = t.run.config.generation ?? { seed: 0, budget: DEFAULT_BUDGET };
  for (const [i, corner] of corners.entries()) {
    const from = t.evidence.length;
    try {
      await test(corner);
    } catch (err) {
      if ((err as Error)?.name !== 'CheckFailure') throw err;
      t.evidence.splice(0, t.evidence.length, ...t.evidence.slice(from));
      const e = err as CheckFailure;
      // A corner is already the simplest value of its kind: nothing to shrink, and any seed replays it (the run's
      // seed is named all the same, so every replay line has one form).
      throw new CheckFailure(
        `${e.message} — input ${show(corner)} (corner value ${i + 1} of ${corners.length}, tried first under any seed; replay: paycert run ${t.gateway} --seed ${gen.seed} --only ${t.checkId})`,
        e.expected,
        e.received,
      );
    }
  }
  await random(t, gen, arb, test);
}

/** `budget` inputs drawn from `arb` with the check's seed, shrunk on a failure. */
async function random<T>(
  t: CheckContext,
  gen: Generation,
  arb: fc.Arbitrary<T>,
  test: (value: T) => Promise<void>,
): Promise<void> {
  const seed = checkSeed(gen.seed, t.checkId);
  let fatal: unknown;
  let failing: { from: number; to: number } | undefined;
  const details = await fc.check(
    fc.asyncProperty(arb, async (value) => {
      if (fatal !== undefined) throw fatal;
      const from = t.evidence.length;
      try {
        await test(value);
      } catch (err) {
        if ((err as Error)?.name !== 'CheckFailure') fatal = err;
        else failing = { from, to: t.evidence.length };
        throw err;
      }
    }),
    // Shrinking sends requests too: it stops after a few seconds with the smallest input found so far.
    { seed, numRuns: Math.max(1, gen.budget), interruptAfterTimeLimit: 4000 },
  );
  if (fatal !== undefined) throw fatal;
  if (!details.failed) return;
  // fast-check's time limit can end a run while its input is still being tried (a target throttling with
  // Retry-After): it then reports a failure with no counterexample. No input was judged, so the check could not run.
  if (failing === undefined && details.counterexample === null)
    throw new SetupError(
      'the generated check ran out of its 4 s before any input was judged (the target answered too slowly)',
    );
  const err = details.errorInstance as CheckFailure | undefined;
  if (failing) {
    const kept = t.evidence.slice(failing.from, failing.to);
    t.evidence.splice(0, t.evidence.length, ...kept);
  }
  const where = `fast-check seed ${seed} path ${details.counterexamplePath ?? '-'} after ${details.numShrinks} shrinks`;
  const replay = `replay: paycert run ${t.gateway} --seed ${gen.seed} --only ${t.checkId}`;
  throw new CheckFailure(
    `${err?.message ?? 'the property failed'} — input ${show(details.counterexample?.[0])} (${where}; ${replay})`,
    err?.expected,
    err?.received,
  );
}
