import { CheckSkipped, type Outcome, outcomeOf, passedOutcome } from '../core/outcome.js';
import { notRunResult, resultOf } from '../core/result.js';
import type { CheckResult, Gateway } from '../core/results.js';
import { gatewayOf } from '../gateways/index.js';
import { type CatalogueEntry, catalogueEntry, specUrl } from './catalogue.js';
import { CheckContext, type RunState, type Setup, type SetupFn } from './context.js';
import { isBudgetSpent, TransportError } from './http.js';
import type { ProbeFn } from './probe-file.js';

/** Declares shared state (e.g. "an order exists") created once per run, on first use. */
export function setup<T>(name: string, fn: SetupFn<T>): Setup<T> {
  return { name, fn };
}

export async function execute(
  run: RunState,
  gateway: Gateway,
  entry: CatalogueEntry,
  fn: (t: CheckContext) => Promise<void>,
): Promise<CheckResult> {
  const t = new CheckContext(run, entry.id);
  const started = performance.now();
  let outcome: Outcome = passedOutcome();
  let timer: NodeJS.Timeout | undefined;
  let strayReject: ((err: unknown) => void) | undefined;
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
    // An error thrown outside the check's own promise chain (a stray timer, a dropped promise) ends the checks
    // running when it arrives, as a test runner would; see runGateway.
    const stray = new Promise<never>((_, reject) => {
      strayReject = reject;
      run.inFlight.add(reject);
    });
    await Promise.race([fn(t), deadline, stray]);
  } catch (err) {
    outcome = outcomeOf(err);
    if (isBudgetSpent(err)) run.onStarved?.(entry.id);
  } finally {
    clearTimeout(timer);
    if (strayReject) run.inFlight.delete(strayReject);
  }
  // Exchanges are redacted as they are recorded; writeReport() redacts the whole file once more.
  return resultOf({
    gateway,
    entry,
    url: specUrl(gateway, entry),
    outcome,
    notes: t.notes,
    durationMs: performance.now() - started,
    evidence: t.evidence,
  });
}

/** A result for a check that could not run at all (status error, with the reason). */
export function notRun(gateway: Gateway, entry: CatalogueEntry, reason: string): CheckResult {
  return notRunResult(gateway, entry, specUrl(gateway, entry), reason);
}

/** The catalogue entry of a recorded check when `run` selects it (and registers it), or undefined. */
export function selectedEntry(run: RunState, id: string): CatalogueEntry | undefined {
  const gateway = gatewayOf(id);
  if (gateway === undefined) throw new Error(`${id} has no gateway's ID prefix (src/gateways/)`);
  if (gateway !== run.config.gateway)
    throw new Error(`${id} is a ${gateway} check in a ${run.config.gateway} run`);
  const entry = catalogueEntry(gateway, id);
  if (!run.selects(entry)) return undefined;
  run.registered.push(entry);
  return entry;
}

/** Runs one selected check against `run` and stores its result there. */
export async function runCheck(run: RunState, entry: CatalogueEntry, fn: ProbeFn): Promise<void> {
  const result = await execute(run, run.config.gateway, entry, fn);
  run.results.set(entry.id, result);
  run.onResult?.(result);
}
