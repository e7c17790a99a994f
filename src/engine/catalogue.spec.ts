import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { checksMarkdown } from '../checks-doc.js';
import { catalogue, GATEWAYS, handWritten } from './catalogue.js';
import { type ProbeBlock, probeTree } from './probe-file.js';
import { literalIds } from './probe-titles.js';
import { probeFiles, probesDir } from './runner.js';

// Lint of the suite itself (style: test262 lint, JSON-Schema-Test-Suite sanity checks).

function registeredIds(gateway: string): string[] {
  const dir = join(probesDir, gateway);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.probe.ts'))
    .flatMap((f) => literalIds(readFileSync(join(dir, f), 'utf8')));
}

for (const gateway of GATEWAYS) {
  describe(`catalogue · ${gateway}`, () => {
    const cat = catalogue(gateway);

    it('every hand-written check is registered by exactly one probe, and every probe is catalogued', () => {
      const ids = registeredIds(gateway);
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(dupes, 'IDs registered twice').to.deep.equal([]);
      expect([...ids].sort()).to.deep.equal(
        handWritten(gateway)
          .map((c) => c.id)
          .sort(),
      );
    });

    it('the probe files register every check of the catalogue, generated ones included, exactly once', async () => {
      const ids: string[] = [];
      const collect = (b: ProbeBlock) => {
        ids.push(...b.checks.map((c) => c.id));
        for (const inner of b.blocks) collect(inner);
      };
      for (const file of probeFiles(gateway)) collect(await probeTree(file));
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).to.deep.equal([]);
      expect([...ids].sort()).to.deep.equal(cat.checks.map((c) => c.id).sort());
    });

    it('titles are unique present-tense facts without "should" or "test that"', () => {
      const titles = cat.checks.map((c) => c.title);
      expect(titles.filter((t, i) => titles.indexOf(t) !== i)).to.deep.equal([]);
      expect(titles.filter((t) => /\bshould\b|\btest that\b/i.test(t))).to.deep.equal([]);
    });

    it('every check cites a documented section with a URL and a quote', () => {
      const missing = cat.checks.filter((c) => !cat.docs[c.spec.section] || !c.spec.quote).map((c) => c.id);
      expect(missing).to.deep.equal([]);
    });

    it('check IDs carry the gateway prefix', () => {
      const prefix = gateway === 'lesspay' ? 'LP' : 'PL';
      expect(cat.checks.filter((c) => !c.id.startsWith(`${prefix}-`)).map((c) => c.id)).to.deep.equal([]);
    });
  });
}

describe('docs/checks.md', () => {
  it('is generated from the current catalogues (npm run docs:checks)', () => {
    const committed = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    expect(committed).to.equal(checksMarkdown());
  });
});
