// `npm run selftest:generated [lesspay|payloco]`: runs every fault of the bundled mock (seed 0, budget 1, as the
// self-test does) and writes test/selftest/<gateway>.generated.expected.json, the generated checks' part of the
// expectations. Review the diff before committing: a generated check that fails on a conformant reading is a bug
// in the generator, never an expectation. Hand-written expectations are only compared, never written.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Gateway } from '../src/core/results.js';
import { mockModule } from '../src/engine/embedded.js';
import { certifyMock, idsWithStatus } from '../test/selftest/certify-mock.js';

const dir = new URL('../test/selftest/', import.meta.url);
const isGenerated = (id: string) => id.includes('-GEN-');

function handWritten(gateway: Gateway): Record<string, { fails: string[]; skips: string[] }> {
  const out: Record<string, { fails: string[]; skips: string[] }> = {};
  for (const file of readdirSync(dir).filter(
    (f) => f.startsWith(`${gateway}.`) && f.endsWith('.expected.json'),
  )) {
    if (file.includes('.generated.')) continue;
    for (const [fault, e] of Object.entries<{ fails: string[]; skips?: string[] }>(
      JSON.parse(readFileSync(new URL(file, dir), 'utf8')),
    )) {
      out[fault] ??= { fails: [], skips: [] };
      out[fault].fails.push(...e.fails);
      out[fault].skips.push(...(e.skips ?? []));
    }
  }
  return out;
}

const sameSet = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

for (const gateway of (process.argv[2] ? [process.argv[2]] : ['lesspay', 'payloco']) as Gateway[]) {
  const { faults } = await mockModule(gateway);
  const hand = handWritten(gateway);
  const out: Record<string, { fails: string[]; errors?: string[]; skips?: string[] }> = {};
  for (const fault of Object.keys(faults)) {
    const results = await certifyMock(gateway, { fault });
    const [fails, errors, skips] = ['failed', 'error', 'skipped'].map((s) => idsWithStatus(results, s));
    const h = hand[fault] ?? { fails: [], skips: [] };
    if (
      !sameSet(
        fails.filter((id) => !isGenerated(id)),
        h.fails,
      ) ||
      !sameSet(
        skips.filter((id) => !isGenerated(id)),
        h.skips,
      )
    )
      process.stdout.write(
        `hand-written expectations of ${gateway} ${fault} differ from this run: review them\n`,
      );
    const entry: (typeof out)[string] = { fails: fails.filter(isGenerated) };
    if (errors.some(isGenerated)) entry.errors = errors.filter(isGenerated);
    if (skips.some(isGenerated)) entry.skips = skips.filter(isGenerated);
    out[fault] = entry;
  }
  writeFileSync(new URL(`${gateway}.generated.expected.json`, dir), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(
    `wrote test/selftest/${gateway}.generated.expected.json (${Object.keys(out).length} faults)\n`,
  );
}
