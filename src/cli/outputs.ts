import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Checks up front that the report directory can be written, so a long run never ends in a write error. */
export function prepareReportDir(dir: string): string {
  const abs = resolve(dir);
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
  writeFileSync(out.results, `${JSON.stringify(safe, null, 2)}\n`);
  writeFileSync(out.junit, renderJunit(safe));
  // The coverage of the gateways this run certified: their cells, with the status of each check in this run. A run
  // that judges the merchant's side (a client, a webhook handler) certifies no gateway endpoint: no grid, no file.
  if (MERCHANT_SIDE.has(safe.command ?? '')) {
    rmSync(out.coverage, { force: true });
    writeFileSync(out.html, renderHtml(safe, baseline ? { baseline } : {}));
    return out;
  }
  const table = coverage(
    safe.gateways.map((g) => g.gateway),
    safe,
  );
  const checked = validate('paycert/coverage.schema.json', table);
  if (!checked.valid) throw new Error(`coverage does not match its schema: ${checked.problems[0]?.message}`);
  writeFileSync(out.coverage, `${JSON.stringify(table, null, 2)}\n`);
  writeFileSync(out.html, renderHtml(safe, { ...(baseline ? { baseline } : {}), coverage: table }));
  return out;
}
