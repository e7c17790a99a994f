import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { GATEWAYS } from './catalogue.js';
import { catalogueFolder, entryOf, generatedCatalogue } from './check-sources.js';
import type { CheckMeta } from './probe-file.js';

// The catalogue JSON files are generated from the probe files' call sites: they must be what the call sites say.

for (const gateway of GATEWAYS) {
  describe(`catalogue · ${gateway} · generated from the probe files`, () => {
    it('every committed part is what the call sites generate (fix: npm run docs:checks)', async () => {
      for (const [name, text] of await generatedCatalogue(gateway)) {
        expect(readFileSync(catalogueFolder(gateway) + name, 'utf8'), `suites/catalogue/${name}`).to.equal(
          text,
        );
      }
    });
  });
}

describe('catalogue entry of a call site', () => {
  it('is the metadata without the faults, in the order the fields are written', () => {
    const meta: CheckMeta = {
      id: 'LP-X-001',
      title: 'a fact',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'any',
      clause: 'the clause',
      spec: { section: 'profile L1' },
      killedBy: ['a-fault'],
      erroredBy: ['another-fault'],
      skippedBy: ['a-third-fault'],
    };
    expect(JSON.stringify(entryOf(meta))).to.equal(
      '{"id":"LP-X-001","title":"a fact","level":"MUST","reading":"L1","endpoint":"any","clause":"the clause","spec":{"section":"profile L1"}}',
    );
  });
});
