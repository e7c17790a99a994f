import type { CatalogueEntry } from '../catalogue.js';
import { PROFILE_VERSION, TOOL_VERSION } from '../version.js';
import { overallVerdict, summarize, verdictOf } from './merge.js';
import type { Check, Gateway, Results } from './types.js';

// The results.json of a run that judges one gateway's counterpart from data-driven checks (`webhook-test`, `audit`,
// `proxy`): one header, runId and verdict rule for all of them, so their reports read exactly like `paycert run`'s.

/** The fixed part of a check result, from its catalogue entry and the catalogue's docs table. */
export function checkHead(
  entry: CatalogueEntry,
  docs: Record<string, string>,
  gateway: Gateway,
): Pick<Check, 'id' | 'gateway' | 'endpoint' | 'title' | 'level' | 'reading' | 'specRef'> {
  return {
    id: entry.id,
    gateway,
    endpoint: entry.endpoint,
    title: entry.title,
    level: entry.level,
    reading: entry.reading,
    specRef: {
      doc: gateway,
      section: entry.spec.section,
      url: docs[entry.spec.section],
      quote: entry.spec.quote,
    },
  };
}

/** A URL as shown in a report: no credentials, no query. */
export function shownTarget(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.href;
  } catch {
    return '(invalid URL)';
  }
}

export interface SingleGatewayRun {
  command: string;
  gateway: Gateway;
  target: string;
  targetKind: 'embedded-mock' | 'remote';
  strict: boolean;
  allowIncomplete?: boolean;
  startedAt: Date;
  /** performance.now() when the run started. */
  started: number;
  runTag: string;
  checks: Check[];
}

export function singleGatewayResults(run: SingleGatewayRun): Results {
  const verdict = verdictOf(run.checks, run.strict);
  return {
    format: 'paycert-results/1',
    tool: { name: 'paycert', version: TOOL_VERSION },
    profileVersion: PROFILE_VERSION,
    runId: `${run.startedAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${run.runTag}`,
    command: run.command,
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - run.started),
    strict: run.strict,
    ...(run.allowIncomplete ? { allowIncomplete: true } : {}),
    shard: null,
    verdict: overallVerdict([verdict]),
    gateways: [
      {
        gateway: run.gateway,
        target: shownTarget(run.target),
        targetKind: run.targetKind,
        verdict,
        summary: summarize(run.checks),
      },
    ],
    summary: summarize(run.checks),
    checks: run.checks,
  };
}
