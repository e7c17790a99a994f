import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { probesDir } from '../engine/runner.js';
import { contractsDir } from '../pact/contract.js';
import '../gateways/index.js';
import { catalogueFiles } from './catalogue.js';
import { codeDir, codeExt, codeRoot, compiled, dataDir, packageRoot, schemasDir } from './paths.js';

// From the sources (as the tests run) code and data share the repository root; the compiled layout
// (dist/src/paths.js, data at the package root) is exercised by test/package.spec.ts through the installed package.

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('paths', () => {
  it('from the sources, code and data are at the repository root and modules are .ts', () => {
    expect(compiled).to.equal(false);
    expect(codeExt).to.equal('.ts');
    expect(join(codeRoot, '/')).to.equal(root);
    expect(join(packageRoot, '/')).to.equal(root);
    expect(codeDir('suites/probes')).to.equal(probesDir);
    expect(catalogueFiles('lesspay')[0]).to.equal(`${dataDir('suites/catalogue')}lesspay.json`);
    expect(dataDir('contracts')).to.equal(contractsDir);
  });

  it('the schemas are the paycert-schemas workspace package, which is the schemas/ folder', () => {
    expect(realpathSync(schemasDir)).to.equal(realpathSync(join(root, 'schemas')));
    expect(existsSync(join(schemasDir, 'package.json'))).to.equal(true);
  });
});
