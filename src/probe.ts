import Mocha from 'mocha';
import { type CatalogueEntry, catalogueEntry, specUrl } from './catalogue.js';
import { CheckContext, type RunState, type Setup, type SetupFn } from './context.js';
import { TransportError } from './http.js';
import { type CheckFailure, CheckSkipped, type SetupError } from './outcome.js';
import { type ProbeFn, recordCheck } from './probe-file.js';
import { redactText } from './report/redact.js';
import type { CheckResult, Gateway } from './results.js';

/** Declares shared state (e.g. "an order exists") created once per run, on first use. */
export function setup<T>(name: string, fn: SetupFn<T>): Setup<T> {
  return { name, fn };
}

// Keeps what the target sent short enough for a report: deep or huge values become a note.
function preview(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    if (text === undefined || text.length <= 4096)
      return value === undefined ? undefined : JSON.parse(redactText(text));
    return `${redactText(text.slice(0, 4096))}… (${text.length} characters)`;
  } catch {
    return '(not serialisable: too deep or circular)';
  }
}

// Outcomes are told apart by name, not instanceof: a test runner may load the harness twice (require and import),
// and a CheckFailure thrown by a probe's copy must still count as a failure.
const named = <T>(err: unknown, name: string): err is T => (err as Error | undefined)?.name === name;

function outcomeOf(
  err: unknown,
): Pick<CheckResult, 'status' | 'message' | 'expected' | 'received' | 'notApplicable'> {
  if (named<CheckFailure>(err, 'CheckFailure')) {
    return {
      status: 'failed',
      message: err.message,
      expected: preview(err.expected),
      received: preview(err.received),
    };
  }
  if (named<CheckSkipped>(err, 'CheckSkipped'))
    return { status: 'skipped', message: err.reason, notApplicable: err.notApplicable };
  if (named<TransportError>(err, 'TransportError'))
    return { status: 'error', message: `transport: ${err.message}` };
  if (named<SetupError>(err, 'SetupError')) return { status: 'error', message: err.message };
  return { status: 'error', message: `probe error: ${(err as Error)?.message ?? String(err)}` };
}

export async function execute(
  run: RunState,
  gateway: Gateway,
  entry: CatalogueEntry,
  fn: (t: CheckContext) => Promise<void>,
): Promise<CheckResult> {
  const t = new CheckContext(run, entry.id);
  const started = performance.now();
  let outcome: ReturnType<typeof outcomeOf> = { status: 'passed' };
  let timer: NodeJS.Timeout | undefined;
  try {
    if (entry.capability && !t.hasCapability(entry.capability)) {
      throw new CheckSkipped(
        `not applicable: the target does not declare the "${entry.capability}" capability`,
        true,
      );
    }
    if (run.targetDown) throw new TransportError('connection', run.targetDown);
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TransportError('timeout', `check did not finish within ${run.checkDeadlineMs} ms`)),
        run.checkDeadlineMs,
      );
    });
    await Promise.race([fn(t), deadline]);
  } catch (err) {
    outcome = outcomeOf(err);
  } finally {
    clearTimeout(timer);
  }
  const message = [outcome.message, ...t.notes].filter(Boolean).join('\n');
  return {
    ...describeCheck(gateway, entry),
    ...outcome,
    ...(message ? { message: redactText(message) } : {}),
    durationMs: Math.round(performance.now() - started),
    // Exchanges are redacted as they are recorded; writeReport() redacts the whole file once more.
    evidence: t.evidence,
  };
}

/** What a result says about its check, whatever the outcome: the catalogue entry and its source. */
function describeCheck(gateway: Gateway, entry: CatalogueEntry) {
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
      url: specUrl(gateway, entry),
      quote: entry.spec.quote,
    },
  };
}

/** A result for a check that could not run at all (status error, with the reason). */
export function notRun(gateway: Gateway, entry: CatalogueEntry, reason: string): CheckResult {
  return {
    ...describeCheck(gateway, entry),
    status: 'error',
    message: reason,
    durationMs: 0,
    evidence: [],
  };
}

/** Declares one conformance check in a probe file. The ID must be in suites/catalogue/<gateway>.json. */
export function check(id: string, fn: (t: CheckContext) => Promise<void>): void {
  recordCheck(id, fn);
}

export function gatewayOfId(id: string): Gateway {
  return id.startsWith('PL') ? 'payloco' : 'lesspay';
}

/** A mocha test that runs one recorded check against `run` and stores its result there. */
export function checkTest(run: RunState, id: string, fn: ProbeFn): Mocha.Test | undefined {
  const gateway = gatewayOfId(id);
  if (gateway !== run.config.gateway)
    throw new Error(`${id} is a ${gateway} check in a ${run.config.gateway} run`);
  const entry = catalogueEntry(gateway, id);
  if (!run.selects(entry)) return undefined;
  run.registered.push(entry);
  return new Mocha.Test(`${id} ${entry.title}`, async function (this: Mocha.Context) {
    this.timeout(run.checkDeadlineMs + 5_000);
    const result = await execute(run, gateway, entry, fn);
    run.results.set(id, result);
    run.onResult?.(result);
    if (result.status === 'skipped') this.skip();
    if (result.status !== 'passed') throw new Error(`${result.status}: ${result.message}`);
  });
}
