import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import { type EvidenceMode, keepsFullEvidence, summarizeExchanges } from '../core/evidence.js';
import { redactDeep } from '../core/redact.js';
import type { Results } from '../core/results.js';
import { validate } from '../core/schema-registry.js';
import { coverage } from '../generate/coverage.js';
import { renderHtml } from '../report/html.js';
import { renderJunit } from '../report/junit.js';

export interface WrittenReport {
  dir: string;
  results: string;
  coverage: string;
  junit: string;
  html: string;
}

/** Kernel file systems: no report belongs there, and Node's recursive mkdir under /proc spins forever. */
const KERNEL_FS = ['/proc', '/sys'];

/** The path with its deepest existing folder resolved through symbolic links (the rest cannot be a link yet). */
function realTarget(abs: string): string {
  let existing = abs;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    return join(realpathSync(existing), relative(existing, abs));
  } catch {
    return abs;
  }
}

/** Throws a usage error when `abs` is (or, through a link, lands) under /proc or /sys. */
export function refuseKernelPath(abs: string, what: string): void {
  const real = realTarget(abs);
  const kernel = KERNEL_FS.find((k) => real === k || real.startsWith(k + sep));
  if (kernel) throw new UsageError(`cannot write to ${what}: it is under ${kernel}, a kernel file system`);
}

/** Checks up front that the report directory can be written, so a long run never ends in a write error. */
export function prepareReportDir(dir: string): string {
  const abs = resolve(dir);
  const real = realTarget(abs);
  const kernel = KERNEL_FS.find((k) => real === k || real.startsWith(k + sep));
  if (kernel)
    throw new UsageError(
      `cannot write to report directory ${dir}: it is under ${kernel}, a kernel file system`,
    );
  try {
    mkdirSync(abs, { recursive: true });
    const probe = join(abs, '.paycert-write-test');
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (err) {
    throw new UsageError(`cannot write to report directory ${dir}: ${(err as NodeJS.ErrnoException).code}`);
  }
  return abs;
}

/** The files of one report: a run removes them at its start (output/session) and writes them all at its end. */
export const REPORT_FILES = ['results.json', 'coverage.json', 'junit.xml', 'index.html'] as const;

/**
 * Writes the files whole or not at all: each to a temporary name first, then renamed over its place, results.json
 * last; a reader (or a run stopped mid-write) never sees half a report or a mix of two runs.
 */
function writeAllAtomic(files: [path: string, text: string][]): void {
  const tmp = files.map(([path, text]) => {
    const t = `${path}.${process.pid}.tmp`;
    writeFileSync(t, text);
    return [t, path] as const;
  });
  for (const [t, path] of tmp) renameSync(t, path);
}

const MERCHANT_SIDE = new Set(['audit', 'proxy', 'webhook-test']);

/**
 * The results as written: by default a check that passed (or was skipped) keeps each exchange's summary and a failed,
 * errored or stale one its full exchanges, so results.json grows with failures; `--evidence full` keeps everything.
 * The JUnit and HTML renderers show full evidence for exactly the checks that keep it.
 */
export function withEvidence(results: Results, evidence: EvidenceMode): Results {
  if (evidence === 'full') return { ...results, evidence };
  const checks = results.checks.map((c) =>
    keepsFullEvidence(c) || !c.evidence ? c : { ...c, evidence: summarizeExchanges(c.evidence) },
  );
  return { ...results, evidence, checks };
}

/** Writes results.json (validated against its schema), junit.xml, index.html and, for a gateway run, coverage.json; all redacted. */
export function writeReport(
  results: Results,
  dir: string,
  baseline?: Results,
  evidence: EvidenceMode = 'failures',
): WrittenReport {
  const abs = prepareReportDir(dir);
  const safe = redactDeep(withEvidence(results, evidence));
  const { valid, problems } = validate('paycert/results.schema.json', safe);
  if (!valid) throw new Error(`results do not match their schema: ${problems[0]?.message}`);
  const out = {
    dir: abs,
    results: join(abs, 'results.json'),
    coverage: join(abs, 'coverage.json'),
    junit: join(abs, 'junit.xml'),
    html: join(abs, 'index.html'),
  };
  const resultsFile: [string, string] = [out.results, `${JSON.stringify(safe, null, 2)}\n`];
  const junit: [string, string] = [out.junit, renderJunit(safe)];
  // The coverage of the gateways this run certified: their cells, with the status of each check in this run. A run
  // that judges the merchant's side (a client, a webhook handler) certifies no gateway endpoint: no grid, no file.
  if (MERCHANT_SIDE.has(safe.command ?? '')) {
    rmSync(out.coverage, { force: true });
    writeAllAtomic([junit, [out.html, renderHtml(safe, baseline ? { baseline } : {})], resultsFile]);
    return out;
  }
  const table = coverage(
    safe.gateways.map((g) => g.gateway),
    safe,
  );
  const checked = validate('paycert/coverage.schema.json', table);
  if (!checked.valid) throw new Error(`coverage does not match its schema: ${checked.problems[0]?.message}`);
  writeAllAtomic([
    [out.coverage, `${JSON.stringify(table, null, 2)}\n`],
    junit,
    [out.html, renderHtml(safe, { ...(baseline ? { baseline } : {}), coverage: table })],
    resultsFile,
  ]);
  return out;
}
