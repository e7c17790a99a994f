// Failures by root cause: a check whose failure left others without what they needed (its `blockedBy`) is shown
// once, with the checks that needed it; the other not-judged checks are grouped by their innermost reason. Console,
// job summary and HTML verdict card all read this one grouping.
import type { Check } from '../core/results.js';
import { failsVerdict, isKnownDeviation, notJudged } from '../core/verdict.js';

export interface FailureGroup {
  /** The failed check (absent for a group of not-judged checks with no failed check behind them). */
  check?: Check;
  /** The checks that could not be judged because of it (or of `reason`). */
  blocked: Check[];
  /** The group's reason: the failed check's message, or the not-judged checks' shared innermost reason. */
  reason: string;
  /** True when this group counts against the verdict. */
  counts: boolean;
}

const firstLine = (s: string | undefined) => (s ?? '').split('\n')[0]!;

/** The reason a not-judged check gives, innermost cause first. */
export function notJudgedReason(c: Check): string {
  return c.blockedBy?.reason ?? (firstLine(c.message) || (c.status === 'error' ? 'errored' : 'skipped'));
}

/**
 * Failed checks (not excused by a known deviation) and not-judged checks of one run, grouped by root cause: failed
 * MUST checks first, then SHOULD, then groups of not-judged checks by reason (largest first).
 */
export function failureGroups(checks: readonly Check[], strict: boolean): FailureGroup[] {
  const failed = checks.filter((c) => c.status === 'failed' && !isKnownDeviation(c));
  const byId = new Map(failed.map((c) => [`${c.gateway} ${c.id}`, c]));
  const blocked = new Map<Check, Check[]>();
  const byReason = new Map<string, Check[]>();
  for (const c of checks) {
    if (!notJudged(c, strict)) continue;
    const root = c.blockedBy?.check ? byId.get(`${c.gateway} ${c.blockedBy.check}`) : undefined;
    if (root) blocked.set(root, [...(blocked.get(root) ?? []), c]);
    else {
      const reason = notJudgedReason(c);
      byReason.set(reason, [...(byReason.get(reason) ?? []), c]);
    }
  }
  const rank = (c: Check) => (c.level === 'MUST' ? 0 : 1);
  const groups: FailureGroup[] = [...failed]
    .sort((a, b) => rank(a) - rank(b) || (blocked.get(b)?.length ?? 0) - (blocked.get(a)?.length ?? 0))
    .map((c) => ({
      check: c,
      blocked: blocked.get(c) ?? [],
      reason: firstLine(c.message) || `${c.id} failed`,
      counts: failsVerdict(c, strict) || (blocked.get(c)?.length ?? 0) > 0,
    }));
  const rest = [...byReason]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([reason, list]) => ({ blocked: list, reason, counts: true }));
  return [...groups, ...rest];
}
