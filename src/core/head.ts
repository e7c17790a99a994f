// The head of every results file and the one runId rule: every runner (run, verify, webhook-test, …) starts a run
// here and writes its document through resultsDocument, so the files they write differ only in what they checked.
import { randomBytes } from 'node:crypto';
import type { CheckResult, GatewayResult, Results, Scope } from './results.js';
import { runVerdict, summarize } from './verdict.js';
import { PROFILE_VERSION, TOOL_VERSION } from './version.js';

export interface RunClock {
  startedAt: Date;
  /** performance.now() at the start, for the run's duration. */
  started: number;
  /** Six upper-case hex digits naming this run: in the runId, and in the state a run creates on a target. */
  runTag: string;
  /** `YYYYMMDDTHHMMSS-TAG` (UTC start time, then the tag): sorts by time, unique per run. */
  runId: string;
}

/** The start of a run: its clock and its identity. */
export function startRun(): RunClock {
  const startedAt = new Date();
  const runTag = randomBytes(3).toString('hex').toUpperCase();
  return {
    startedAt,
    started: performance.now(),
    runTag,
    runId: `${startedAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${runTag}`,
  };
}

export interface RunBody {
  command: 'run' | 'verify' | 'webhook-test' | 'audit' | 'proxy';
  strict: boolean;
  allowIncomplete?: boolean;
  shard?: Results['shard'];
  driver?: string;
  payoutDriver?: string;
  generation?: Results['generation'];
  scope?: Scope;
  gateways: GatewayResult[];
  checks: CheckResult[];
  /** An empty shard (more shards than units of work): its verdict is not its gateways' (see runVerdict). */
  emptyShard?: boolean;
  /** A run a signal stopped before it judged its gateways (see runVerdict). */
  interrupted?: boolean;
}

/** A results document (format paycert-results/1): the head from the run's clock, the body from the runner. */
export function resultsDocument(clock: RunClock, body: RunBody): Results {
  return {
    format: 'paycert-results/1',
    tool: { name: 'paycert', version: TOOL_VERSION },
    profileVersion: PROFILE_VERSION,
    runId: clock.runId,
    command: body.command,
    startedAt: clock.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - clock.started),
    strict: body.strict,
    ...(body.allowIncomplete ? { allowIncomplete: true } : {}),
    shard: body.shard ?? null,
    ...(body.driver ? { driver: body.driver } : {}),
    ...(body.payoutDriver ? { payoutDriver: body.payoutDriver } : {}),
    ...(body.generation ? { generation: body.generation } : {}),
    ...(body.scope ? { scope: body.scope } : {}),
    verdict: runVerdict(body.gateways, body),
    gateways: body.gateways,
    summary: summarize(body.checks),
    checks: body.checks,
  };
}
