// `node --import tsx scripts/seed-kills.ts [lesspay|payloco] [seeds]`: runs the generated checks (budget 1) against
// every fault of the bundled mock under several seeds and prints the faults whose failing generated checks differ
// from one seed to another: kills that depend on the seed. A measurement for reviews, not part of the self-test.
import type { Gateway } from '../src/core/results.js';
import { mockModule } from '../src/engine/embedded.js';
import { idMatcher } from '../src/engine/selection.js';
import { certifyMock, idsWithStatus } from '../test/selftest/certify-mock.js';

const gateways = (
  process.argv[2] && process.argv[2] !== 'all' ? [process.argv[2]] : ['lesspay', 'payloco']
) as Gateway[];
const seeds = (process.argv[3] ?? '1,2,3,4,5').split(',').map(Number);
const only = process.argv[4]?.split(',');

for (const gateway of gateways) {
  const { faults } = await mockModule(gateway);
  const prefix = gateway === 'lesspay' ? 'LP' : 'PL';
  let dependent = 0;
  let killing = 0;
  for (const fault of Object.keys(faults).filter((f) => !only || only.includes(f))) {
    const sets: string[][] = [];
    for (const seed of seeds) {
      const results = await certifyMock(
        gateway,
        { fault },
        { selects: idMatcher([`${prefix}-GEN-*`]), generation: { seed, budget: 1 } },
      );
      sets.push(idsWithStatus(results, 'failed'));
    }
    const all = [...new Set(sets.flat())].sort();
    const always = all.filter((id) => sets.every((s) => s.includes(id)));
    if (all.length > 0) killing++;
    if (always.length !== all.length) {
      dependent++;
      const some = all.filter((id) => !always.includes(id));
      process.stdout.write(`${gateway} ${fault}: seed-dependent ${some.join(', ')}\n`);
    }
  }
  process.stdout.write(
    `${gateway}: ${dependent} of ${killing} faults that fail generated checks do so only under some of seeds ${seeds.join(',')}\n`,
  );
}
