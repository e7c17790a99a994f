import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { faults } from './index.js';

// Biome may pad the table's cells, so whitespace around cells is not significant.
/** The README's fault table is documentation users read: it must list exactly the faults the module exports. */
describe('payloco mock: README', () => {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

  it('lists every fault with its reading, level and description, in order', () => {
    const section = readme.split('## Fault variants')[1]?.split('\n## ')[0] ?? '';
    const rows = [
      ...section.matchAll(/^\|\s*`([^`]+)`\s*\|\s*(P\d+)\s*\|\s*(MUST|SHOULD)\s*\|\s*(.+?)\s*\|$/gm),
    ].map(([, name, reading, level, description]) => [name, reading, level, description]);
    const expected = Object.entries(faults).map(([name, fault]) => [
      name,
      fault.reading,
      fault.level,
      fault.description,
    ]);
    expect(rows).to.deep.equal(expected);
  });

  it('marks the bundled keys as test-only', () => {
    expect(readme).to.match(/TEST ONLY/);
  });
});
