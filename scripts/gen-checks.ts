// `npm run docs:checks`, first step: writes what the probe files' call sites generate, the gateway catalogues
// (suites/catalogue/<gateway>*.json), the record of which probe file declares each check (suites/catalogue/sources/)
// and the hand-written part of the self-test's expectations
// (test/selftest/<gateway>.expected.json). Drift tests: src/engine/check-sources.spec.ts, test/selftest/expected.spec.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GATEWAYS } from '../src/engine/catalogue.js';
import { catalogueFolder, generatedCatalogue } from '../src/engine/check-sources.js';
import { expectedFile, expectedText } from '../test/selftest/expected-from-probes.js';

for (const gateway of GATEWAYS) {
  for (const [name, text] of await generatedCatalogue(gateway)) {
    mkdirSync(dirname(catalogueFolder(gateway) + name), { recursive: true });
    writeFileSync(catalogueFolder(gateway) + name, text);
  }
  writeFileSync(expectedFile(gateway), await expectedText(gateway));
  process.stdout.write(
    `wrote suites/catalogue/${gateway}*.json, suites/catalogue/sources/${gateway}.json and test/selftest/${gateway}.expected.json\n`,
  );
}
