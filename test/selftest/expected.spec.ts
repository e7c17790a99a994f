import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { expectedFile, expectedText, formatJson } from './expected-from-probes.js';

// The hand-written checks' expectations are generated from the call sites' `killedBy`, `erroredBy` and `skippedBy`.

for (const gateway of ['lesspay', 'payloco'] as const) {
  describe(`self-test expectations · ${gateway} · generated from the probe files`, () => {
    it(`test/selftest/${gateway}.expected.json is what the call sites generate (fix: npm run docs:checks)`, async () => {
      expect(readFileSync(expectedFile(gateway), 'utf8')).to.equal(await expectedText(gateway));
    });
  });
}

describe('expectations JSON layout', () => {
  it('keeps short arrays on one line and breaks long ones, as biome does', () => {
    const long = Array.from({ length: 12 }, (_, i) => `LP-QO-0${10 + i}`);
    const text = formatJson({ f: { fails: ['LP-X-001'], errors: long, skips: [] } });
    expect(text.split('\n').slice(0, 5)).to.deep.equal([
      '{',
      '  "f": {',
      '    "fails": ["LP-X-001"],',
      '    "errors": [',
      '      "LP-QO-010",',
    ]);
    expect(text).to.include('"skips": []');
    expect(JSON.parse(text)).to.deep.equal({ f: { fails: ['LP-X-001'], errors: long, skips: [] } });
  });
});
