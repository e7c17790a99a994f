// GitHub Actions' own language for a run: a markdown job summary ($GITHUB_STEP_SUMMARY) and `::error`/`::warning`
// workflow commands that GitHub shows as annotations on the run and the pull request.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { appendFileSync } from 'node:fs';
import { redactDeep } from '../core/redact.js';
import type { Results } from '../core/results.js';
import { failsVerdict } from '../core/verdict.js';
import { failureGroups } from '../report/root-cause.js';

/** GitHub shows at most 10 error and 10 warning annotations of a step; the rest are counted in a notice. */
export const MAX_ANNOTATIONS = 10;
/** GitHub refuses a step summary over 1 MiB; rows past this are left to the report (a row is < 1 KiB). */
export const MAX_ROWS = 300;

/** A workflow command's data: %, CR and LF are escaped so a message stays one command. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: also `:` and `,`. */
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const firstLine = (s: string | undefined, max = 200) => {
  const line = (s ?? '').split('\n')[0]!;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Markdown table cell: pipes escaped, no line breaks, no raw HTML from a target's message. */
const cell = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');

/** `::error` lines for failed checks that count (MUST, or any with --strict), `::warning` for the others. */
export function annotations(results: Results): string[] {
  const strict = results.strict ?? false;
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const g of failureGroups(results.checks, strict)) {
    if (!g.check) continue;
    const c = g.check;
    const needed = g.blocked.length ? ` (and ${g.blocked.length} checks that needed it)` : '';
    const line = `title=${prop(`${c.id} ${c.level} ${c.reading}`)}::${data(`${c.title} — ${firstLine(g.reason, 400)}${needed}`)}`;
    if (failsVerdict(c, strict)) errors.push(`::error ${line}`);
    else warnings.push(`::warning ${line}`);
  }
  const out = [...errors.slice(0, MAX_ANNOTATIONS), ...warnings.slice(0, MAX_ANNOTATIONS)];
  const rest = Math.max(0, errors.length - MAX_ANNOTATIONS) + Math.max(0, warnings.length - MAX_ANNOTATIONS);
  if (rest)
    out.push(`::notice title=paycert::${rest} more failing checks: see the job summary and the report`);
  return out;
}

export interface SummaryLinks {
  /** Where the report artifact is (the run's page lists its artifacts). */
  runUrl?: string;
  reportDir?: string;
}

/** The job summary: verdict and scope per gateway, the baseline gate, the failing checks by root cause. */
export function jobSummary(results: Results, links: SummaryLinks = {}): string {
  const strict = results.strict ?? false;
  const out: string[] = [`## paycert: ${results.verdict}`, ''];
  out.push(
    '| gateway | verdict | target | checks | passed | failed | not judged (MUST) |',
    '|---|---|---|---|---|---|---|',
  );
  for (const g of results.gateways) {
    const s = g.summary;
    out.push(
      `| ${g.gateway} | **${g.verdict}** | ${cell(g.target)} | ${s.total} | ${s.passed} | ${s.failed} | ${s.mustNotJudged ?? 0} |`,
    );
  }
  out.push('');
  if (results.shard)
    out.push(
      `Shard ${results.shard.index} of ${results.shard.total}: merge the shards with \`paycert report\`.`,
      '',
    );
  const gate = results.gate;
  if (gate) {
    out.push(
      `**Baseline** \`${cell(gate.baseline)}\` (\`--fail-on ${gate.failOn}\`: the gate ${gate.passed ? 'passes' : 'fails'}): ` +
        `${gate.new.length} new failures, ${gate.fixed.length} fixed, ${gate.still.length} still failing.`,
      '',
    );
    if (gate.new.length)
      out.push(
        `New failures: ${gate.new
          .slice(0, MAX_ROWS)
          .map((id) => `\`${id}\``)
          .join(', ')}`,
        '',
      );
  }
  const groups = failureGroups(results.checks, strict);
  if (groups.length) {
    out.push('### Failing checks', '', '| check | level | reading | reason |', '|---|---|---|---|');
    for (const g of groups.slice(0, MAX_ROWS)) {
      if (g.check) {
        const c = g.check;
        const needed = g.blocked.length ? ` — and ${g.blocked.length} checks that needed it` : '';
        out.push(`| \`${c.id}\` | ${c.level} | ${c.reading} | ${cell(firstLine(g.reason))}${needed} |`);
      } else {
        const ids = g.blocked.map((c) => c.id);
        const named = ids.length > 3 ? `${ids.slice(0, 3).join(', ')} … +${ids.length - 3}` : ids.join(', ');
        out.push(`| not judged: ${ids.length} (${cell(named)}) | | | ${cell(firstLine(g.reason))} |`);
      }
    }
    if (groups.length > MAX_ROWS) out.push('', `… and ${groups.length - MAX_ROWS} more: see the report.`);
    out.push('');
  }
  const where = [
    links.reportDir ? `\`${cell(links.reportDir)}/index.html\`` : 'the HTML report',
    links.runUrl ? `in the run's artifacts (${links.runUrl})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  out.push(`Full evidence: ${where}.`, '');
  return out.join('\n');
}

/** When the run is on GitHub Actions: annotations to the log, the job summary appended to its file. */
export function writeGithub(
  results: Results,
  env: NodeJS.ProcessEnv,
  log: NodeJS.WritableStream,
  reportDir?: string,
): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  // Redacted like every output; only here, so a run off GitHub pays nothing for it.
  const safe = redactDeep(results);
  const lines = annotations(safe);
  if (lines.length) log.write(`${lines.join('\n')}\n`);
  if (!env.GITHUB_STEP_SUMMARY) return;
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  try {
    appendFileSync(env.GITHUB_STEP_SUMMARY, jobSummary(safe, { runUrl, reportDir }));
  } catch (err) {
    log.write(
      `paycert: cannot write the job summary to GITHUB_STEP_SUMMARY: ${(err as NodeJS.ErrnoException).code}\n`,
    );
  }
}
