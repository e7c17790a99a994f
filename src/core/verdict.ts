// The verdict rule lives here, once: every runner, the shard merger and the renderers call verdictOf/summarize, so a
// merged shard report can never disagree with a single-process run.
import type { Check, GatewayResult, Results, Summary, Verdict } from './results.js';

/** True when a failed/errored check is excused by a reviewed, still-valid known deviation. */
export function isKnownDeviation(c: Check): boolean {
  return !!c.deviation && !c.deviation.stale;
}

/** True when the check counts against the verdict: failed at a level that counts, not excused, or stale. */
export function failsVerdict(c: Check, strict: boolean): boolean {
  if (c.deviation?.stale) return true;
  if (c.status !== 'failed') return false;
  if (c.level !== 'MUST' && !strict) return false;
  return !isKnownDeviation(c);
}

/**
 * True when a check that counts (MUST; with `strict`, SHOULD too) could not be judged: it errored, or it was skipped
 * for a reason other than the target's declared capabilities (missing tester input, no way to complete a payment,
 * a wait that ran out). A known deviation excuses it as it excuses a failure.
 */
export function notJudged(c: Check, strict: boolean): boolean {
  if (c.level !== 'MUST' && !strict) return false;
  if (c.deviation) return false;
  return c.status === 'error' || (c.status === 'skipped' && !c.notApplicable);
}

/**
 * The certification verdict of one gateway.
 * - `error`: the gateway could not be judged at all (`gatewayError` set, no check, every check errored, or every
 *   check was skipped as not applicable): a setup fault, exit 2;
 * - `not-certified`: a MUST check (with `strict`, a SHOULD check too) failed without a non-stale known deviation,
 *   or any deviation is stale (listed as known but the check passed: the list must be fixed);
 * - `incomplete`: nothing failed, but a MUST check (with `strict`, a SHOULD check too) could not be judged
 *   (see `notJudged`): not a certification, exit 1 unless `--allow-incomplete`;
 * - `certified` otherwise: every counted check was judged and passed, is a known deviation or is not applicable.
 */
export function verdictOf(
  checks: readonly Check[],
  strict = false,
  opts: { gatewayError?: string } = {},
): Verdict {
  if (opts.gatewayError) return 'error';
  if (checks.length === 0 || checks.every((c) => c.status === 'error')) return 'error';
  if (checks.every((c) => c.status === 'skipped' && c.notApplicable)) return 'error';
  if (checks.some((c) => failsVerdict(c, strict))) return 'not-certified';
  return checks.some((c) => notJudged(c, strict)) ? 'incomplete' : 'certified';
}

/**
 * The run verdict from the gateway verdicts: a definite non-conformance wins (it is a finding the target owner must
 * act on either way), then a gateway that could not be judged at all, then one judged only in part; a run with no
 * gateway is an error.
 */
export function overallVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'error';
  // A run a signal stopped judged only what it reached: whatever it found, it is no verdict on the whole.
  if (verdicts.includes('interrupted')) return 'interrupted';
  for (const v of ['not-certified', 'error', 'incomplete'] as const) if (verdicts.includes(v)) return v;
  return 'certified';
}

/** The exit code of a verdict: 0 certified (or incomplete, when the tester allowed it), 1 not certified or
 * incomplete, 2 could not be judged. */
export function exitCodeOf(verdict: Verdict, allowIncomplete = false): number {
  // Re-rendered later (`paycert report`), an interrupted run is not a certification; the interrupted command itself
  // exits with its signal's code (130/143, cli/session).
  if (verdict === 'interrupted') return 1;
  if (verdict === 'certified') return 0;
  if (verdict === 'incomplete') return allowIncomplete ? 0 : 1;
  return verdict === 'not-certified' ? 1 : 2;
}

/** The checks that could not be judged, grouped by the reason they give (what would let them run). */
export function notJudgedByReason(
  checks: readonly Check[],
  strict: boolean,
): { reason: string; ids: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const c of checks) {
    if (!notJudged(c, strict)) continue;
    const reason = (c.message ?? (c.status === 'error' ? 'errored' : 'skipped')).split('\n')[0]!;
    groups.set(reason, [...(groups.get(reason) ?? []), c.id]);
  }
  return [...groups].map(([reason, ids]) => ({ reason, ids }));
}

/** Counts by status, plus MUST/SHOULD failures that count (known deviations excluded), MUST checks not judged and
 * known deviations. */
export function summarize(checks: readonly Check[]): Required<Summary> {
  const s: Required<Summary> = {
    total: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    error: 0,
    mustFailed: 0,
    shouldFailed: 0,
    mustNotJudged: 0,
    knownDeviations: 0,
  };
  for (const c of checks) {
    s.total++;
    s[c.status]++;
    if (c.status === 'failed' && !isKnownDeviation(c)) {
      if (c.level === 'MUST') s.mustFailed++;
      else s.shouldFailed++;
    }
    if (notJudged(c, false)) s.mustNotJudged++;
    if (isKnownDeviation(c)) s.knownDeviations++;
  }
  return s;
}

/** Gateway entries and run-level summary/verdict recomputed from the checks. */
export function recompute(results: Results): Results {
  const strict = results.strict ?? false;
  const gateways: GatewayResult[] = results.gateways.map((g) => {
    const checks = results.checks.filter((c) => c.gateway === g.gateway);
    return {
      ...g,
      summary: summarize(checks),
      verdict: verdictOf(checks, strict, { gatewayError: g.error }),
      ...(results.interrupted ? { verdict: 'interrupted' as const } : {}),
    };
  });
  return {
    ...results,
    gateways,
    summary: summarize(results.checks),
    verdict: overallVerdict(gateways.map((g) => g.verdict)),
  };
}

/**
 * The results of a run a signal stopped: the checks judged before it, every gateway and the run `interrupted` (never
 * certified, whatever those checks say), and the signal recorded, so the report cannot pass for a finished run.
 */
export function interrupted(results: Results, signal: 'SIGINT' | 'SIGTERM'): Results {
  return recompute({ ...results, interrupted: { signal, at: new Date().toISOString() } });
}
