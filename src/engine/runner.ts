import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { codeDir, codeExt } from '../core/paths.js';
import type { CheckResult, Gateway } from '../core/results.js';
import { type CatalogueEntry, catalogue } from './catalogue.js';
import { type RunConfig, RunState } from './context.js';
import { checkTest, notRun } from './probe.js';
import { type ProbeBlock, probeTree } from './probe-file.js';
import { Throttle, type ThrottleOptions } from './throttle.js';

export const probesDir = codeDir('suites/probes');

/** Probe files of a gateway in a stable order: the unit of sharding and of parallel lanes. */
export function probeFiles(gateway: Gateway): string[] {
  const dir = join(probesDir, gateway);
  return readdirSync(dir)
    .filter((f) => f.endsWith(`.probe${codeExt}`))
    .sort()
    .map((f) => join(dir, f));
}

const isWaiting = (file: string) => /webhook/.test(file);

export interface GatewayRunOptions {
  throttle: ThrottleOptions;
  selects: (entry: CatalogueEntry) => boolean;
  files: string[];
  onResult?: (result: CheckResult) => void;
}

// mocha insists on a reporter; paycert prints its own lines from the results.
class QuietReporter {}

/** Mocha suites for the blocks of one recorded probe file, bound to this run; empty blocks are left out. */
function addBlocks(parent: Mocha.Suite, blocks: ProbeBlock[], run: RunState): void {
  for (const block of blocks) {
    const suite = Mocha.Suite.create(parent, block.title);
    for (const { id, fn } of block.checks) {
      const test = checkTest(run, id, fn);
      if (test) suite.addTest(test);
    }
    addBlocks(suite, block.blocks, run);
  }
}

async function buildLane(files: string[], run: RunState): Promise<Mocha> {
  const mocha = new Mocha({ reporter: QuietReporter as never, timeout: run.checkDeadlineMs + 5_000 });
  for (const file of files) addBlocks(mocha.suite, (await probeTree(file)).blocks, run);
  return mocha;
}

function runLane(mocha: Mocha): Promise<void> {
  return new Promise((resolve) => {
    mocha.run(() => resolve());
  });
}

/** Runs the selected checks of one gateway against one target; returns one result per selected check. */
export async function runGateway(config: RunConfig, opts: GatewayRunOptions, checkDeadlineMs: number) {
  const run = new RunState(config, new Throttle(opts.throttle), opts.selects, checkDeadlineMs);
  run.onResult = opts.onResult;
  const laneCount = Math.max(1, Math.min(opts.throttle.concurrency, opts.files.length));
  const lanes: string[][] = Array.from({ length: laneCount }, () => []);
  // Files whose checks wait for callbacks go first, so their waits run alongside everything else instead of after it.
  const waitsFirst = [...opts.files].sort((x, y) => Number(isWaiting(y)) - Number(isWaiting(x)));
  waitsFirst.forEach((f, i) => {
    lanes[i % laneCount].push(f);
  });
  const mochas: Mocha[] = [];
  for (const lane of lanes) mochas.push(await buildLane(lane, run));
  await Promise.all(mochas.map(runLane));
  for (const m of mochas) m.dispose();
  for (const entry of run.registered) {
    if (!run.results.has(entry.id)) {
      const result = notRun(
        config.gateway,
        entry,
        'the check did not run: its probe file or a mocha hook failed',
      );
      run.results.set(entry.id, result);
      opts.onResult?.(result);
    }
  }
  const order = new Map(catalogue(config.gateway).checks.map((e, i) => [e.id, i]));
  const results = [...run.results.values()].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { run, results };
}
