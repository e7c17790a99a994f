import '../generate/register.js';
import { strict as assert } from 'node:assert';
import { relative } from 'node:path';
import { allProbeFiles, catalogueTitle, probeSource, withTitles } from './probe-titles.js';

describe('probe files: the catalogue title above each check', () => {
  it('every literal check call carries its catalogue title (fix: npm run probes:titles)', () => {
    const stale = allProbeFiles().filter((f) => {
      const source = probeSource(f);
      return withTitles(source, catalogueTitle) !== source;
    });
    assert.deepEqual(
      stale.map((f) => relative(process.cwd(), f)),
      [],
    );
  });

  it('rewrites a drifted title in place, adds a missing one, and covers calls split over lines', () => {
    const titles: Record<string, string> = { 'LP-X-001': 'first', 'LP-X-002': 'second' };
    const source = [
      '  // check: an old title',
      "  check('LP-X-001', fn);",
      '  // why this check exists',
      '  check(',
      "    'LP-X-002',",
      '    fn,',
      '  );',
    ].join('\n');
    const expected = [
      '  // check: first',
      "  check('LP-X-001', fn);",
      '  // why this check exists',
      '  // check: second',
      '  check(',
      "    'LP-X-002',",
      '    fn,',
      '  );',
    ].join('\n');
    const titled = withTitles(source, (id) => titles[id]);
    assert.equal(titled, expected);
    assert.equal(
      withTitles(titled, (id) => titles[id]),
      titled,
    );
  });
});
