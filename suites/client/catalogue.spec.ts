import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { clientArtefacts } from '../../scripts/side-catalogues.js';

// The client checks are written once, in suites/client/<gw>.rules.ts (entry and killedBy): the catalogue JSON the
// runners load and the merchant client's fault expectations are generated from them (`npm run docs:checks`).

describe('client checks: the committed catalogues and fault expectations are those their definitions generate', () => {
  it('each generated file equals the committed one (else run npm run docs:checks)', async () => {
    for (const { file, text } of await clientArtefacts())
      expect(
        readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'),
        `${file} differs from its sources: run npm run docs:checks`,
      ).to.equal(text);
  });
});
