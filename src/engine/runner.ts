import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { codeDir, codeExt } from '../core/paths.js';
import type { CheckResult, Gateway } from '../core/results.js';
import { codeFolder, gatewayModel } from '../gateways/index.js';
import { type CatalogueEntry, catalogue, catalogueEntry, catalogueOwner } from './catalogue.js';
import { declaredIds, loadedChecks } from './check-files.js';
import { type RunConfig, RunState } from './context.js';
import { notRun, runCheck, selectedEntry } from './probe.js';
import type { ProbeFn } from './probe-file.js';
import { Throttle, type ThrottleOptions } from './throttle.js';

/** The folder of the shipped gateways' probe folders (each model names its own: locations.probes). */
export const probesDir = codeDir('suites/probes');

/** Probe files of a gateway in a stable order: the unit of sharding and of parallel lanes. */
export function probeFiles(gateway: Gateway): string[] {
  const dir = codeFolder(gatewayModel(gateway).locations.probes);
  return readdirSync(dir)
    .filter((f) => f.endsWith(`.probe${codeExt}`))
    .sort()
    .map((f) => join(dir, f));
}

/** The capability whose checks wait for the target's callbacks (a receiver, a retry): they start first. */
const WAITING_CAPABILITY = 'webhooks';

/** True when a probe file declares a check that waits for callbacks, by the capabilities its checks declare. */
async function waitsForCallbacks(file: string, gateway: Gateway): Promise<boolean> {
  return (await declaredIds(gateway, file)).some(
    (id) => catalogueEntry(gateway, id).capability === WAITING_CAPABILITY,
  );
}

export interface GatewayRunOptions {
  throttle: ThrottleOptions;
  selects: (entry: CatalogueEntry) => boolean;
  files: string[];
  onResult?: (result: CheckResult) => void;
  onStarved?: (checkId: string) => void;
}

interface Planned {
  entry: CatalogueEntry;
  fn: ProbeFn;
}

/** True when a probe file declares a check the run selects (or one the catalogue does not hold: importing the file
 * then fails as it always did). */
async function declaresSelected(file: string, run: RunState): Promise<boolean> {
  const { gateway } = run.config;
  return (await declaredIds(gateway, file)).some(
    (id) => catalogueOwner(id) !== gateway || run.selects(catalogueEntry(gateway, id)),
  );
}

/** The selected checks of a lane's probe files in declaration order: a block's checks, then its inner blocks. Only
 * the files declaring a selected check are imported: a narrow run (--only, --skip, a shard) loads what it runs. */
async function planLane(files: string[], run: RunState): Promise<Planned[]> {
  const out: Planned[] = [];
  for (const file of files) {
    if (!(await declaresSelected(file, run))) continue;
    for (const { id, fn } of await loadedChecks(run.config.gateway, file)) {
      const entry = selectedEntry(run, id);
      if (entry) out.push({ entry, fn });
    }
  }
  return out;
}

// A lane runs its checks one after another; lanes run side by side (the throttle bounds what reaches the target).
// Probe files export their checks as data (probes()) rather than registering them with a test framework: a plain
// loop is all a lane needs (measured, checks ending at once: mocha lanes cost ~100 µs of event-loop time per check,
// this loop ~7 µs).
async function runLane(plan: Planned[], run: RunState): Promise<void> {
  for (const { entry, fn } of plan) await runCheck(run, entry, fn);
}

/** While checks run, an exception no check caught ends the checks then running with that error, not the process. */
function catchStrays(run: RunState): () => void {
  const onStray = (err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    for (const reject of [...run.inFlight]) reject(error);
  };
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);
  return () => {
    process.off('uncaughtException', onStray);
    process.off('unhandledRejection', onStray);
  };
}

/** The probe files of each lane, dealt in turn; files whose checks wait for callbacks (by the capability their checks
 * declare) go first, so their waits run alongside everything else instead of after it. */
export async function laneFiles(files: string[], concurrency: number, gateway: Gateway): Promise<string[][]> {
  const laneCount = Math.max(1, Math.min(concurrency, files.length));
  const lanes: string[][] = Array.from({ length: laneCount }, () => []);
  const waiting = new Set<string>();
  for (const file of files) if (await waitsForCallbacks(file, gateway)) waiting.add(file);
  const waitsFirst = [...files].sort((x, y) => Number(waiting.has(y)) - Number(waiting.has(x)));
  waitsFirst.forEach((f, i) => {
    lanes[i % laneCount].push(f);
  });
  return lanes;
}

/** Runs the selected checks of one gateway against one target; returns one result per selected check. */
export async function runGateway(config: RunConfig, opts: GatewayRunOptions, checkDeadlineMs: number) {
  const run = new RunState(config, new Throttle(opts.throttle), opts.selects, checkDeadlineMs);
  run.onResult = opts.onResult;
  run.onStarved = opts.onStarved;
  const lanes = await laneFiles(opts.files, opts.throttle.concurrency, config.gateway);
  const plans: Planned[][] = [];
  for (const lane of lanes) plans.push(await planLane(lane, run));
  const release = catchStrays(run);
  try {
    await Promise.all(plans.map((plan) => runLane(plan, run)));
  } finally {
    release();
  }
  for (const entry of run.registered) {
    if (!run.results.has(entry.id)) {
      const result = notRun(config.gateway, entry, 'the check did not run: its probe file failed');
      run.results.set(entry.id, result);
      opts.onResult?.(result);
    }
  }
  const order = new Map(catalogue(config.gateway).checks.map((e, i) => [e.id, i]));
  const results = [...run.results.values()].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { run, results };
}
