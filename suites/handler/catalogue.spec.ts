import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { handlerArtefacts } from '../../scripts/side-catalogues.js';

// The webhook-handler checks are written once, in suites/handler/<gw>.cases.ts (entry and killedBy): the catalogue
// JSON the runner loads and the two example handlers' fault expectations are generated from them
// (`npm run docs:checks`).

describe('handler checks: the committed catalogues and fault expectations are those their definitions generate', () => {
  it('each generated file equals the committed one (else run npm run docs:checks)', async () => {
    for (const { file, text } of await handlerArtefacts())
      expect(
        readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'),
        `${file} differs from its sources: run npm run docs:checks`,
      ).to.equal(text);
  });
});
