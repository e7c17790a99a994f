import type { CheckResult, Results } from './results.js';

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

export function summaryLines(results: Results, reportPath?: string): string[] {
  const lines = [''];
  for (const g of results.gateways) {
    const s = g.summary;
    lines.push(
      `${g.gateway}: ${g.verdict.toUpperCase()} — ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.error} error` +
        ` (MUST failing: ${s.mustFailed ?? 0}, SHOULD failing: ${s.shouldFailed ?? 0}) — ${g.target}`,
    );
    if (g.error) lines.push(`  ${g.error}`);
    if (g.warning) lines.push(`  warning: ${g.warning}`);
  }
  const s = results.summary;
  lines.push(
    `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.error} error in ${results.durationMs} ms`,
  );
  lines.push(`verdict: ${results.verdict}`);
  if (reportPath) lines.push(`report: ${reportPath}`);
  return lines;
}
