// The baseline gate: this run against an earlier one. A check that counted against the verdict then and still does
// is "still failing"; one that counts now and did not then is "new"; one that counted then and passes now is
// "fixed". With `--fail-on new` only new failures fail the run, so a team can gate "no new failures" while it works
// through old ones; the verdict itself is unchanged (a verdict word is a promise).
import type { Check, Results } from '../core/results.js';
import { failsVerdict, notJudged } from '../core/verdict.js';

export type FailOn = 'any' | 'new';

export interface Gate {
  failOn: FailOn;
  /** runId of the baseline run. */
  baseline: string;
  new: string[];
  fixed: string[];
  still: string[];
  /** Whether the gate lets the run pass (with `any`: only when nothing counts against the verdict). */
  passed: boolean;
}

/** A check counts against the run when it fails the verdict or could not be judged. */
export function counts(c: Check, strict: boolean): boolean {
  return failsVerdict(c, strict) || notJudged(c, strict);
}

const key = (c: Check) => `${c.gateway}:${c.id}`;

export function compareWithBaseline(results: Results, baseline: Results, failOn: FailOn): Gate {
  const strict = results.strict ?? false;
  const before = new Map(baseline.checks.map((c) => [key(c), c]));
  const gate: Gate = { failOn, baseline: baseline.runId, new: [], fixed: [], still: [], passed: true };
  for (const c of results.checks) {
    const then = before.get(key(c));
    const wasFailing = then !== undefined && counts(then, baseline.strict ?? strict);
    if (counts(c, strict)) (wasFailing ? gate.still : gate.new).push(c.id);
    else if (wasFailing && c.status === 'passed') gate.fixed.push(c.id);
  }
  gate.passed = failOn === 'new' ? gate.new.length === 0 : gate.new.length + gate.still.length === 0;
  return gate;
}

/** The gate's status of one check, for renderers: new failure, still failing (from the baseline) or fixed. */
export function gateMark(gate: Gate | undefined, id: string): 'new' | 'still' | 'fixed' | undefined {
  if (!gate) return undefined;
  let marks = index.get(gate);
  if (!marks) {
    marks = new Map<string, 'new' | 'still' | 'fixed'>();
    for (const k of ['new', 'still', 'fixed'] as const) for (const i of gate[k]) marks.set(i, k);
    index.set(gate, marks);
  }
  return marks.get(id);
}

const index = new WeakMap<Gate, Map<string, 'new' | 'still' | 'fixed'>>();
