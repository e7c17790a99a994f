import type { CheckResult, Results } from '../core/results.js';
import { notJudgedByReason } from '../core/verdict.js';

// One line per check as it completes, then a summary: what a CI log or a terminal shows.

const LABEL: Record<string, string> = { passed: 'PASS ', failed: 'FAIL ', skipped: 'SKIP ', error: 'ERROR' };
const COLOUR: Record<string, string> = { passed: '32', failed: '31', skipped: '33', error: '35' };

function paint(text: string, code: string, tty: boolean): string {
  return tty ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function firstLine(s: string | undefined, max = 110): string {
  const line = (s ?? '').split('\n')[0];
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function checkLine(r: CheckResult, tty = false): string {
  const dev = r.deviation ? (r.deviation.stale ? ' [stale deviation]' : ' [known deviation]') : '';
  const reason = r.status === 'passed' ? '' : ` — ${firstLine(r.message)}`;
  return `${paint(LABEL[r.status], COLOUR[r.status], tty)} ${r.id.padEnd(12)} ${r.level.padEnd(6)} ${r.title}${dev}${reason}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the tester must know about a gateway's verdict besides the counts: checks not judged and why, deviations. */
function explanationLines(results: Results, gateway: string): string[] {
  const strict = results.strict ?? false;
  const checks = results.checks.filter((c) => c.gateway === gateway);
  const lines: string[] = [];
  for (const { reason, ids } of notJudgedByReason(checks, strict))
    lines.push(`  not judged: ${ids.join(', ')} — ${firstLine(reason, 160)}`);
  for (const c of checks) {
    if (!c.deviation) continue;
    lines.push(
      c.deviation.stale
        ? `  stale deviation: ${c.id} passes now; remove it from the deviations file (${firstLine(c.deviation.reason, 80)})`
        : `  known deviation: ${c.id} ${c.status}, excused (${firstLine(c.deviation.reason, 80)})`,
    );
  }
  return lines;
}

function verdictLine(results: Results): string {
  if (results.verdict === 'interrupted')
    return `verdict: interrupted (stopped by ${results.interrupted?.signal ?? 'a signal'} after ${plural(results.checks.length, 'check')} judged; not a certification)`;
  if (results.verdict === 'passed-partial') {
    const partial = results.gateways.filter((g) => g.verdict === 'passed-partial');
    return `verdict: passed-partial (${partial.map((g) => g.statement ?? 'scope not recorded; not a certification').join('; ')})`;
  }
  if (results.verdict !== 'incomplete') return `verdict: ${results.verdict}`;
  const strict = results.strict ?? false;
  const n = notJudgedByReason(results.checks, strict).reduce((sum, g) => sum + g.ids.length, 0);
  const what = `${plural(n, strict ? 'check' : 'MUST check')} not judged`;
  return results.allowIncomplete
    ? `verdict: incomplete (${what}; accepted by --allow-incomplete)`
    : `verdict: incomplete (${what}; give what the lines above name, or accept with --allow-incomplete)`;
}

export function summaryLines(results: Results, reportPath?: string): string[] {
  const lines = [''];
  for (const g of results.gateways) {
    const s = g.summary;
    if (g.error) {
      // The error itself is printed once, on stderr: here only that this gateway was not judged.
      lines.push(`${g.gateway}: ${g.verdict.toUpperCase()} — not judged — ${g.target}`);
      if (g.statement) lines.push(`  scope: ${g.statement}`);
      continue;
    }
    lines.push(
      `${g.gateway}: ${g.verdict.toUpperCase()} — ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.error} error` +
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
  lines.push(verdictLine(results));
  if (reportPath) lines.push(`report: ${reportPath}`);
  return lines;
}
