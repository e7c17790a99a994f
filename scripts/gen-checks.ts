// `npm run docs:checks`, first step: writes what the probe files' call sites generate, the gateway catalogues
// (suites/catalogue/<gateway>*.json) and the hand-written part of the self-test's expectations
// (src/selftest/<gateway>.expected.json). Drift tests: src/engine/check-sources.spec.ts, src/selftest/expected.spec.ts.
import { writeFileSync } from 'node:fs';
import { catalogueDir, GATEWAYS } from '../src/engine/catalogue.js';
import { generatedCatalogue } from '../src/engine/check-sources.js';
import { expectedFile, expectedText } from '../src/selftest/expected-from-probes.js';

for (const gateway of GATEWAYS) {
  for (const [name, text] of await generatedCatalogue(gateway)) writeFileSync(catalogueDir + name, text);
  writeFileSync(expectedFile(gateway), await expectedText(gateway));
  process.stdout.write(`wrote suites/catalogue/${gateway}*.json and src/selftest/${gateway}.expected.json\n`);
}
