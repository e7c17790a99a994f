// What a run prints while and after it runs. Normal: an opening line per gateway, a live progress line on a
// terminal, then the failures grouped by root cause and the summary. --verbose: every check as it ends, too.
// --quiet: the summary only (verdict per gateway, failing IDs, the verdict line). A log (no terminal) never gets the progress line.

import { redactText } from '../core/redact.js';
import type { CheckResult, Results } from '../core/results.js';
import { failureGroups } from '../report/root-cause.js';
import { colourEnabled, type Paint, painter } from './colour.js';
import { checkLine, summaryLines } from './console.js';
import { ProgressLine } from './progress.js';

export type ConsoleMode = 'normal' | 'verbose' | 'quiet';

/** Failure groups shown outside --verbose: past this the rest is counted and left to the report. */
export const MAX_GROUPS = 15;

const firstLine = (s: string | undefined, max: number) => {
  const line = (s ?? '').split('\n')[0]!;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function idList(ids: string[], max = 6): string {
  return ids.length <= max
    ? ids.join(', ')
    : `${ids.slice(0, max - 1).join(', ')} … and ${ids.length - max + 1} more`;
}

/** The failures of a run, one line per root cause (every failure with --verbose). */
export function failureLines(results: Results, paint: Paint, all = false): string[] {
  const groups = failureGroups(results.checks, results.strict ?? false);
  const shown = all ? groups : groups.slice(0, MAX_GROUPS);
  const lines: string[] = [];
  for (const g of shown) {
    if (g.check) {
      const c = g.check;
      const needed = g.blocked.length
        ? ` (and ${g.blocked.length} check${g.blocked.length === 1 ? '' : 's'} that needed it)`
        : '';
      const word = c.level === 'MUST' || (results.strict ?? false) ? 'FAIL' : 'WARN';
      lines.push(
        `${paint(word === 'FAIL' ? 'red' : 'yellow', word)} ${c.id} ${c.level} ${c.reading}: ${c.title} — ${firstLine(g.reason, 200)}${needed}`,
      );
    } else {
      const ids = g.blocked.map((c) => c.id);
      lines.push(
        `${paint('magenta', 'NOT JUDGED')} ${ids.length === 1 ? ids[0] : `${ids.length} checks (${idList(ids)})`} — ${firstLine(g.reason, 200)}`,
      );
    }
  }
  if (groups.length > shown.length)
    lines.push(`… and ${groups.length - shown.length} more failures: see the report (or --verbose)`);
  return lines;
}

export interface Opening {
  gateway: string;
  target: string;
  selected: number;
  of: number;
  note?: string;
}

export class RunReporter {
  readonly paint: Paint;
  private progress?: ProgressLine;

  constructor(
    readonly mode: ConsoleMode,
    /** Where the human lines go: stdout, or stderr when stdout carries a machine-readable document. */
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly live: NodeJS.WriteStream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.paint = painter(colourEnabled(out, env));
  }

  private write(lines: string[]): void {
    if (lines.length === 0) return;
    this.print(`${lines.map(redactText).join('\n')}\n`);
  }

  /** Prints above the progress line: it is cleared first and drawn again after, whichever stream the text goes to. */
  private print(text: string): void {
    this.progress?.clear();
    this.out.write(text);
    this.progress?.redraw();
  }

  opening(openings: Opening[]): void {
    if (this.mode !== 'quiet')
      this.write(
        openings.map(
          (o) =>
            `${o.gateway}: ${o.target} — ${o.selected} of ${o.of} checks selected${o.note ? ` (${o.note})` : ''}`,
        ),
      );
    const total = openings.reduce((n, o) => n + o.selected, 0);
    if (this.mode !== 'quiet' && this.live.isTTY === true && total > 0)
      this.progress = new ProgressLine(this.live, total);
  }

  /** A check ended. */
  result(r: CheckResult): void {
    if (this.mode === 'verbose') {
      this.print(`${redactText(checkLine(r, this.paint))}\n`);
    }
    this.progress?.tick(r.status === 'failed');
  }

  /** The run's waits and drivers speak through this: on a terminal a transient line becomes the progress line's wait. */
  say(fallback: (line: string, opts?: { transient?: boolean }) => void) {
    return (line: string, opts: { transient?: boolean } = {}) => {
      if (!this.progress) return fallback(line, opts);
      if (opts.transient) this.progress.wait(line.replace(/^paycert: /, ''));
      else this.progress.print(line);
    };
  }

  /** Everything after the checks: failures by root cause, the summary (or the --quiet lines). */
  finish(results: Results, reportPath?: string, before: string[] = []): void {
    this.progress?.clear();
    this.progress = undefined;
    // --quiet: the summary alone (verdict per gateway, the failing IDs, what was not judged and why).
    if (this.mode === 'quiet') {
      this.write([...before, ...summaryLines(results, reportPath, this.paint)]);
      return;
    }
    const failures = failureLines(results, this.paint, this.mode === 'verbose');
    this.write([
      ...(failures.length ? ['', ...failures] : []),
      ...before,
      ...summaryLines(results, reportPath, this.paint),
    ]);
  }
}
