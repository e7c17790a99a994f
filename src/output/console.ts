import type { CheckResult, Results } from '../core/results.js';
import { failsVerdict, notJudgedByReason } from '../core/verdict.js';
import { failureGroups } from '../report/root-cause.js';
import { type Paint, painter } from './colour.js';

// The lines of one check and of a run's summary: what a CI log or a terminal shows (reporter.ts decides when).

const LABEL: Record<string, string> = { passed: 'PASS ', failed: 'FAIL ', skipped: 'SKIP ', error: 'ERROR' };
const COLOUR = { passed: 'green', failed: 'red', skipped: 'yellow', error: 'magenta' } as const;

function firstLine(s: string | undefined, max = 110): string {
  const line = (s ?? '').split('\n')[0];
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const asPaint = (p: boolean | Paint | undefined): Paint =>
  typeof p === 'function' ? p : painter(p === true);

/** One check as it ended. IDs are not padded to a column: a long generated ID would overrun it anyway. */
export function checkLine(r: CheckResult, colour: boolean | Paint = false): string {
  const paint = asPaint(colour);
  const dev = r.deviation ? (r.deviation.stale ? ' [stale deviation]' : ' [known deviation]') : '';
  const reason = r.status === 'passed' ? '' : ` — ${firstLine(r.message)}`;
  return `${paint(COLOUR[r.status], LABEL[r.status]!)} ${r.id} ${r.level} ${r.title}${dev}${reason}`;
}

/** Not-judged reasons named in a summary; the rest are counted. */
const MAX_REASONS = 5;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Short enough for one line: the first IDs, then how many more. */
function idList(ids: string[], max = 6): string {
  return ids.length <= max
    ? ids.join(', ')
    : `${ids.slice(0, max - 1).join(', ')} … and ${ids.length - max + 1} more`;
}

/** The failing checks of a gateway by ID: every failing MUST (and, counted or not, SHOULD) check is named. */
export function failingIdsLines(results: Results, gateway: string): string[] {
  const strict = results.strict ?? false;
  const checks = results.checks.filter((c) => c.gateway === gateway);
  const must = checks.filter((c) => c.level === 'MUST' && failsVerdict(c, strict)).map((c) => c.id);
  const should = checks.filter((c) => c.level === 'SHOULD' && failsVerdict(c, true)).map((c) => c.id);
  const lines: string[] = [];
  if (must.length) lines.push(`  failing MUST: ${must.join(', ')}`);
  if (should.length) lines.push(`  failing SHOULD${strict ? '' : ' (not counted)'}: ${should.join(', ')}`);
  return lines;
}

/** What the tester must know about a gateway's verdict besides the counts: failing IDs, checks not judged and why
 * (those a failed check left without what they needed, once under it), deviations. */
function explanationLines(results: Results, gateway: string): string[] {
  const strict = results.strict ?? false;
  const checks = results.checks.filter((c) => c.gateway === gateway);
  const lines = failingIdsLines(results, gateway);
  const groups = failureGroups(checks, strict).filter((g) => g.blocked.length);
  // A run of thousands of checks may have dozens of reasons: the largest few here, the rest counted (the report
  // and --verbose have them all).
  for (const [i, g] of groups.entries()) {
    const ids = g.blocked.map((c) => c.id);
    if (i === MAX_REASONS) {
      const rest = groups.slice(i).reduce((n, x) => n + x.blocked.length, 0);
      lines.push(
        `  not judged: ${plural(rest, 'more check')} for ${groups.length - i} other reasons (see the report)`,
      );
      break;
    }
    lines.push(
      g.check
        ? `  not judged: ${plural(ids.length, 'check')} that needed ${g.check.id} (failed): ${idList(ids)}`
        : `  not judged: ${idList(ids)} — ${firstLine(g.reason, 160)}`,
    );
  }
  for (const c of checks) {
    if (!c.deviation) continue;
    lines.push(
      c.deviation.stale
        ? `  stale deviation: ${c.id} ${c.status === 'passed' ? 'passes now; remove it from the deviations file' : c.status}${c.deviation.expired ? ` (expired ${c.deviation.expired})` : ''} (${firstLine(c.deviation.reason, 80)})`
        : `  known deviation: ${c.id} ${c.status}, excused (${firstLine(c.deviation.reason, 80)})`,
    );
  }
  return lines;
}

/** Why a not-certified run is not certified, when the cause is not a failing check: a deviations file to fix. */
function deviationCause(results: Results): string {
  const stale = results.checks.filter((c) => c.deviation?.stale);
  if (!stale.length) return '';
  const expired = stale.filter((c) => c.deviation?.expired).map((c) => c.id);
  const passing = stale.filter((c) => !c.deviation?.expired).map((c) => c.id);
  const parts = [
    ...(passing.length
      ? [`stale deviation ${idList(passing, 4)} (passes now: remove it from the deviations file)`]
      : []),
    ...(expired.length ? [`expired deviation ${idList(expired, 4)} (renew or remove it)`] : []),
  ];
  return parts.join('; ');
}

function verdictLine(results: Results): string {
  const gate = results.gate;
  const gateText = gate
    ? gate.failOn === 'new'
      ? `; --fail-on new: ${gate.passed ? 'no new failures, the run passes' : `${plural(gate.new.length, 'new failure')}, the run fails`}`
      : ''
    : '';
  if (results.verdict === 'interrupted')
    return `verdict: interrupted (stopped by ${results.interrupted?.signal ?? 'a signal'} after ${plural(results.checks.length, 'check')} judged; not a certification)`;
  if (results.verdict === 'passed-partial') {
    const partial = results.gateways.filter((g) => g.verdict === 'passed-partial');
    return `verdict: passed-partial (${partial.map((g) => g.statement ?? 'scope not recorded; not a certification').join('; ')})`;
  }
  if (results.verdict === 'not-certified') {
    const cause = deviationCause(results);
    const failing = results.checks.filter(
      (c) => !c.deviation?.stale && failsVerdict(c, results.strict ?? false),
    );
    const because = [
      ...(failing.length ? [`${plural(failing.length, 'failing check')}`] : []),
      ...(cause ? [cause] : []),
    ].join('; ');
    return `verdict: not-certified${because || gateText ? ` (${because}${gateText})` : ''}`;
  }
  if (results.verdict !== 'incomplete') return `verdict: ${results.verdict}`;
  const strict = results.strict ?? false;
  const n = notJudgedByReason(results.checks, strict).reduce((sum, g) => sum + g.ids.length, 0);
  const what = `${plural(n, strict ? 'check' : 'MUST check')} not judged`;
  return results.allowIncomplete
    ? `verdict: incomplete (${what}; accepted by --allow-incomplete)`
    : `verdict: incomplete (${what}; give what the lines above name, or accept with --allow-incomplete${gateText})`;
}

/** The baseline gate's lines: new failures named, fixed and still-failing counted. */
function gateLines(results: Results): string[] {
  const gate = results.gate;
  if (!gate) return [];
  return [
    `baseline ${gate.baseline}: ${plural(gate.new.length, 'new failure')}${gate.new.length ? ` (${gate.new.join(', ')})` : ''}, ${gate.fixed.length} fixed${gate.fixed.length ? ` (${idList(gate.fixed)})` : ''}, ${gate.still.length} still failing`,
  ];
}

export function summaryLines(results: Results, reportPath?: string, colour?: boolean | Paint): string[] {
  const paint = asPaint(colour);
  const word = (v: string) =>
    paint(
      v === 'certified' ? 'green' : v === 'not-certified' || v === 'error' ? 'red' : 'yellow',
      v.toUpperCase(),
    );
  const lines = [''];
  for (const g of results.gateways) {
    const s = g.summary;
    if (g.error) {
      // The error itself is printed once, on stderr: here only that this gateway was not judged.
      lines.push(`${g.gateway}: ${word(g.verdict)} — not judged — ${g.target}`);
      if (g.statement) lines.push(`  scope: ${g.statement}`);
      continue;
    }
    lines.push(
      `${g.gateway}: ${word(g.verdict)} — ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.error} error` +
        ` (MUST failing: ${s.mustFailed ?? 0}, MUST not judged: ${s.mustNotJudged ?? 0}, SHOULD failing: ${s.shouldFailed ?? 0}) — ${g.target}`,
    );
    if (g.statement) lines.push(`  scope: ${g.statement}`);
    lines.push(...explanationLines(results, g.gateway));
    if (g.warning) lines.push(`  warning: ${g.warning}`);
  }
  const s = results.summary;
  lines.push(
    `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.error} error in ${results.durationMs} ms`,
  );
  lines.push(...gateLines(results));
  lines.push(verdictLine(results));
  if (reportPath) lines.push(`report: ${reportPath}`);
  return lines;
}
