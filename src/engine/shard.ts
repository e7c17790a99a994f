import { readFileSync } from 'node:fs';
import type { Gateway } from '../core/results.js';
import { type CatalogueEntry, catalogue } from './catalogue.js';
import { declaredIds } from './check-files.js';
import { probeFiles } from './runner.js';

// `--shard i/n`: which selected checks one CI job runs. Shards are balanced by expected cost, not by count: a check
// costs about one exchange, while a shared setup (an order paid through its page, a callback and its retry waited
// for) costs many. Checks of a file that declares shared setups stay together, so no setup is paid twice.

/** Expected cost of one check, in exchanges with the target. */
export const CHECK_COST = 1;
/** Expected cost of one shared setup: paying an order through its page and waiting for a callback and a retry. */
export const SETUP_COST = 12;

export interface ShardUnit {
  gateway: Gateway;
  ids: string[];
  cost: number;
}

/** Shared setups a probe file declares itself (`setup(` calls in its text; fixtures shared by all files are not
 * counted: every shard pays those once whatever the split). */
function setupsDeclaredIn(file: string): number {
  return (readFileSync(file, 'utf8').match(/\bsetup\(\s*['"`]/g) ?? []).length;
}

/** The units of work of the selected checks: single checks, or the checks of a file that shares setups. */
export async function shardUnits(
  gateways: readonly Gateway[],
  selects: (entry: CatalogueEntry) => boolean,
): Promise<ShardUnit[]> {
  const units: ShardUnit[] = [];
  for (const gateway of gateways) {
    const selected = new Set(
      catalogue(gateway)
        .checks.filter(selects)
        .map((e) => e.id),
    );
    for (const file of probeFiles(gateway)) {
      // From the record of the call sites: planning a shard imports no probe file.
      const ids = (await declaredIds(gateway, file)).filter((id) => selected.has(id));
      if (ids.length === 0) continue;
      const setups = setupsDeclaredIn(file);
      if (setups > 0) units.push({ gateway, ids, cost: ids.length * CHECK_COST + setups * SETUP_COST });
      else for (const id of ids) units.push({ gateway, ids: [id], cost: CHECK_COST });
    }
  }
  return units;
}

/** Splits units into `total` shards, largest first onto the lightest shard (deterministic: ties by order). */
export function planShards(units: readonly ShardUnit[], total: number): ShardUnit[][] {
  const shards: ShardUnit[][] = Array.from({ length: total }, () => []);
  const load = new Array<number>(total).fill(0);
  const order = units.map((u, i) => ({ u, i })).sort((a, b) => b.u.cost - a.u.cost || a.i - b.i);
  for (const { u } of order) {
    let best = 0;
    for (let k = 1; k < total; k++) if (load[k]! < load[best]!) best = k;
    shards[best]!.push(u);
    load[best]! += u.cost;
  }
  return shards;
}

/** The selection of shard `index` of `total` (1-based): the selected checks planned into that shard. */
export async function shardSelector(
  gateways: readonly Gateway[],
  selects: (entry: CatalogueEntry) => boolean,
  shard: { index: number; total: number },
): Promise<(entry: CatalogueEntry) => boolean> {
  const plan = planShards(await shardUnits(gateways, selects), shard.total);
  const mine = new Set(plan[shard.index - 1]!.flatMap((u) => u.ids));
  return (entry) => mine.has(entry.id);
}
