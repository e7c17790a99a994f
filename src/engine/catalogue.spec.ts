import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { checksMarkdown } from '../checks-doc.js';
import type { Gateway } from '../core/results.js';
import { catalogue, GATEWAYS, handWritten } from './catalogue.js';
import { checksOf, type ProbeCheck, probeTree } from './probe-file.js';
import { probeFiles } from './runner.js';

// Lint of the suite itself (style: test262 lint, JSON-Schema-Test-Suite sanity checks).

async function registered(gateway: Gateway): Promise<ProbeCheck[]> {
  const out: ProbeCheck[] = [];
  for (const file of probeFiles(gateway)) out.push(...checksOf(await probeTree(file)));
  return out;
}

for (const gateway of GATEWAYS) {
  describe(`catalogue · ${gateway}`, () => {
    const cat = catalogue(gateway);

    it('every hand-written check is declared with its metadata by exactly one probe, and every probe is catalogued', async () => {
      const ids = (await registered(gateway)).filter((c) => c.meta !== undefined).map((c) => c.id);
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(dupes, 'IDs registered twice').to.deep.equal([]);
      expect([...ids].sort()).to.deep.equal(
        handWritten(gateway)
          .map((c) => c.id)
          .sort(),
      );
    });

    it('the probe files register every check of the catalogue, generated ones included, exactly once', async () => {
      const ids = (await registered(gateway)).map((c) => c.id);
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
