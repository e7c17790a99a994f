import type { Gateway } from '../core/results.js';
import type { CheckContext } from '../engine/context.js';
import { type Family, generatedCases, PROBE_GROUPS, type ProbeGroup } from './cases.js';
import type { GatewayKit } from './families.js';

// The generated checks' entry for probe files. The families (and fast-check, ~30 ms to load) are loaded when the
// first generated check runs, so a run that selects none never loads them.

/** The generated checks of one probe group of a gateway as (id, function) pairs for its probe file. */
export function generatedChecks(
  gateway: Gateway,
  kit: GatewayKit,
  group: ProbeGroup,
): { id: string; fn: (t: CheckContext) => Promise<void> }[] {
  const families: readonly Family[] = PROBE_GROUPS[group];
  return generatedCases(gateway)
    .filter((c) => families.includes(c.family))
    .map((c) => ({
      id: c.entry.id,
      fn: async (t: CheckContext) => (await import('./families.js')).runCase(t, kit, c),
    }));
}
