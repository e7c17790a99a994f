// The verdict rule lives here, once: every runner, the shard merger and the renderers call verdictOf/summarize, so a
// merged shard report can never disagree with a single-process run.
import type { Check, GatewayResult, Judged, Results, Summary, Verdict } from './results.js';

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

/** The verdicts from worst to best. A run's verdict is the worst of its gateways' verdicts: a definite
 * non-conformance wins (the target owner must act on it either way), then a gateway that could not be judged at
 * all, then one judged only in part, then a pass of less than the whole profile; `certified` only when nothing else. */
export const RANK: readonly Verdict[] = [
  // A run a signal stopped judged only what it reached: whatever it found, it is no verdict on the whole.
  'interrupted',
  'not-certified',
  'error',
  'incomplete',
  'passed-partial',
  'certified',
];

/** The worse of two verdicts (see RANK). */
export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  return RANK.indexOf(a) <= RANK.indexOf(b) ? a : b;
}

/** How many MUST checks of the gateway's whole catalogue (`mustTotal`) these results judged: passed, failed, or
 * excused by name (a known deviation, not applicable under the declared capabilities). */
export function judgedOf(checks: readonly Check[], mustTotal: number): Judged {
  const must = checks.filter((c) => c.level === 'MUST');
  const deviations = must.filter((c) => c.deviation && !c.deviation.stale).map((c) => c.id);
  const notApplicable = must.filter((c) => c.status === 'skipped' && c.notApplicable).map((c) => c.id);
  return {
    must: must.filter((c) => !notJudged(c, false)).length,
    mustTotal,
    ...(deviations.length ? { deviations } : {}),
    ...(notApplicable.length ? { notApplicable } : {}),
  };
}

/** `certified` is a promise about the whole profile: a pass that judged fewer MUST checks than the gateway's
 * catalogue holds (a filter, a shard, a result whose scope is unknown) is only `passed-partial`. */
export function rejudge(verdict: Verdict, judged: Judged | undefined): Verdict {
  if (verdict !== 'certified') return verdict;
  return judged && judged.must >= judged.mustTotal ? 'certified' : 'passed-partial';
}

/** What a runner knows about a gateway besides its checks. */
export interface VerdictOptions {
  /** The gateway could not be judged at all (unreachable, refused, an upstream that failed): verdict `error`. */
  gatewayError?: string;
  /** The audited client's own command failed (`paycert audit`): its tests saw something go wrong that the checks
   * may not show, so the client is not certified whatever they say. */
  commandFailure?: string;
  judged?: Judged;
}

/**
 * The certification verdict of one gateway.
 * - `error`: the gateway could not be judged at all (`gatewayError` set, no check, every check errored, or every
 *   check was skipped as not applicable): a setup fault, exit 2;
 * - `not-certified`: the audited command failed (`commandFailure`), or a MUST check (with `strict`, a SHOULD check
 *   too) failed without a non-stale known deviation, or any deviation is stale (listed as known but the check
 *   passed: the list must be fixed);
 * - `incomplete`: nothing failed, but a MUST check (with `strict`, a SHOULD check too) could not be judged
 *   (see `notJudged`): not a certification, exit 1 unless `--allow-incomplete`;
 * - `passed-partial`: nothing failed and every selected check was judged, but fewer than all the MUST checks of
 *   the gateway (`judged`, when given) were selected: not a certification, exit 0;
 * - `certified` otherwise: every counted check was judged and passed, is a known deviation or is not applicable.
 */
export function verdictOf(checks: readonly Check[], strict = false, opts: VerdictOptions = {}): Verdict {
  if (opts.gatewayError) return 'error';
  if (opts.commandFailure) return 'not-certified';
  if (checks.length === 0 || checks.every((c) => c.status === 'error')) return 'error';
  if (checks.every((c) => c.status === 'skipped' && c.notApplicable)) return 'error';
  if (checks.some((c) => failsVerdict(c, strict))) return 'not-certified';
  if (checks.some((c) => notJudged(c, strict))) return 'incomplete';
  return 'judged' in opts ? rejudge('certified', opts.judged) : 'certified';
}

/** The one line saying what a gateway's verdict covers. `selection` names the filter (--only, --skip, shard). */
export function statementOf(verdict: Verdict, judged: Judged | undefined, selection = ''): string {
  const sel = selection ? ` (${selection})` : '';
  if (!judged) return `scope not recorded; not a certification${sel}`;
  if (verdict === 'certified') {
    const excused = [
      judged.deviations?.length ? `${judged.deviations.length} by known deviation` : '',
      judged.notApplicable?.length
        ? `${judged.notApplicable.length} not applicable under the declared capabilities`
        : '',
    ].filter(Boolean);
    return `all ${judged.mustTotal} MUST checks judged${excused.length ? ` (${excused.join(', ')}, named in results.json)` : ''}`;
  }
  return `${judged.must} of ${judged.mustTotal} MUST checks judged; not a certification${sel}`;
}

/** Verdict, summary, judged counts and statement of one gateway, from its checks. `mustTotal` (the MUST checks of
 * its whole catalogue) is given by a gateway run; without it the verdict is not rejudged (other commands). */
export function judgeGateway(
  checks: readonly Check[],
  strict: boolean,
  opts: Omit<VerdictOptions, 'judged'> & { mustTotal?: number; selection?: string } = {},
): Pick<GatewayResult, 'verdict' | 'summary' | 'judged' | 'statement'> {
  const { gatewayError, commandFailure } = opts;
  if (opts.mustTotal === undefined)
    return {
      verdict: verdictOf(checks, strict, { gatewayError, commandFailure }),
      summary: summarize(checks),
    };
  const judged = judgedOf(checks, opts.mustTotal);
  const verdict = verdictOf(checks, strict, { gatewayError, commandFailure, judged });
  return {
    verdict,
    summary: summarize(checks),
    judged,
    statement: statementOf(verdict, judged, opts.selection),
  };
}

/** The run verdict from the gateway verdicts: the worst of them (see RANK); a run with no gateway is an error. */
export function overallVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'error';
  return verdicts.reduce(worseVerdict);
}

/**
 * The verdict a runner's results document opens with: the worst of its gateways' (overallVerdict), except
 * - an empty shard (more shards than units of work) judges nothing and fails nothing: `passed-partial`, so it
 *   merges as an empty part;
 * - a run a signal stopped before it judged its gateways: `interrupted` (cli/session then rejudges it by `interrupted`).
 */
export function runVerdict(
  gateways: readonly Pick<GatewayResult, 'verdict'>[],
  how: { emptyShard?: boolean; interrupted?: boolean } = {},
): Verdict {
  if (how.interrupted) return 'interrupted';
  if (how.emptyShard) return 'passed-partial';
  return overallVerdict(gateways.map((g) => g.verdict));
}

/** Verdict and summary of a gateway a signal stopped: `interrupted`, whatever the checks it completed say. */
export function interruptedGateway(checks: readonly Check[]): Pick<GatewayResult, 'verdict' | 'summary'> {
  return { verdict: 'interrupted', summary: summarize(checks) };
}

/** The selection of a run as words: `--only LP-QO-*`, `--skip …`, `shard 1/2`; empty for the whole catalogue. */
export function selectionText(results: Pick<Results, 'scope' | 'shard'>): string {
  const sel = results.scope?.selection;
  const shard = sel?.shard ?? (results.shard ? `${results.shard.index}/${results.shard.total}` : null);
  return [
    sel?.only.length ? `--only ${sel.only.join(',')}` : '',
    sel?.skip.length ? `--skip ${sel.skip.join(',')}` : '',
    shard ? `shard ${shard}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** The run's one-line statement: each gateway's statement. */
export function scopeStatement(gateways: readonly GatewayResult[]): string {
  return gateways.map((g) => `${g.gateway}: ${g.statement ?? statementOf(g.verdict, g.judged)}`).join('; ');
}

/** The exit code of a verdict: 0 certified or passed-partial (or incomplete, when the tester allowed it), 1 not
 * certified or incomplete, 2 could not be judged. */
export function exitCodeOf(verdict: Verdict, allowIncomplete = false): number {
  // Re-rendered later (`paycert report`), an interrupted run is not a certification; the interrupted command itself
  // exits with its signal's code (130/143, cli/session).
  if (verdict === 'interrupted') return 1;
  if (verdict === 'certified' || verdict === 'passed-partial') return 0;
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

/** Commands whose gateway verdicts promise the whole profile, so their scope must be known to certify. */
const GATEWAY_RUNS = new Set(['run', 'merged']);

/** Whether a results document is a gateway run (`run`, or merged shards of runs): its verdict promises the whole
 * profile of each gateway. */
export function isGatewayRun(results: Pick<Results, 'command'>): boolean {
  return GATEWAY_RUNS.has(results.command ?? 'run');
}

/** A results document whose run-level verdict and summary are not judged yet (shards being merged). */
export type UnjudgedResults = Omit<Results, 'verdict' | 'summary'> &
  Partial<Pick<Results, 'verdict' | 'summary'>>;

/** Gateway entries and run-level summary/verdict/statement recomputed from the checks. A gateway run's entry keeps
 * its `mustTotal`; one without it (an older file) has an unknown scope and cannot stay `certified`. */
export function recompute(results: UnjudgedResults, gatewayRun = isGatewayRun(results)): Results {
  const strict = results.strict ?? false;
  const selection = selectionText(results);
  const gateways: GatewayResult[] = results.gateways.map((g) => {
    const checks = results.checks.filter((c) => c.gateway === g.gateway);
    const mustTotal = g.judged?.mustTotal;
    const judged = judgeGateway(checks, strict, { gatewayError: g.error, mustTotal, selection });
    if (gatewayRun && mustTotal === undefined) {
      const verdict = rejudge(judged.verdict, undefined);
      return {
        ...g,
        ...judged,
        verdict: results.interrupted ? ('interrupted' as const) : verdict,
        statement: statementOf(verdict, undefined, selection),
      };
    }
    return { ...g, ...judged, ...(results.interrupted ? { verdict: 'interrupted' as const } : {}) };
  });
  return {
    ...results,
    ...(results.scope ? { scope: { ...results.scope, statement: scopeStatement(gateways) } } : {}),
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
