import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { gateway as toy } from '../../test/gateways/toy/index.js';
import { registerGateway } from '../gateways/index.js';
import { declaredIds, loadedChecks, sourcesPath } from './check-files.js';

// A run reads which probe file declares each check from the record `npm run docs:checks` writes, so it imports only
// the files it runs; a file the record does not list is read from its own call sites, and a file whose call sites
// no longer match the record stops the run.

const index = pathToFileURL(fileURLToPath(new URL('../index.ts', import.meta.url))).href;
const probeFile = (ids: string[], before = '') =>
  `import { probes } from '${index}';\n${before}export default probes('record', (p) => {\n${ids
    .map((id) => `  p.check({ id: '${id}' }, async () => {});\n`)
    .join('')}});\n`;

describe('engine: the record of which probe file declares each check', () => {
  let dir: string;
  let unregister: () => void;
  const probesDir = () => join(dir, 'probes');
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-check-files-'));
    mkdirSync(probesDir());
    mkdirSync(join(dir, 'catalogue', 'sources'), { recursive: true });
    unregister = registerGateway({
      ...toy,
      name: 'recorded',
      idPrefixes: ['RC'],
      locations: {
        ...toy.locations,
        probes: probesDir(),
        catalogue: { dir: join(dir, 'catalogue'), main: 'recorded' },
      },
    });
    writeFileSync(
      sourcesPath('recorded'),
      JSON.stringify({
        gateway: 'recorded',
        files: { 'listed.probe': ['RC-2', 'RC-1'], 'moved.probe': ['RC-3'] },
      }),
    );
  });
  after(() => {
    unregister();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a listed file its checks without importing it', async () => {
    const file = join(probesDir(), 'listed.probe.mts');
    writeFileSync(file, probeFile(['RC-2', 'RC-1'], "throw new Error('imported');\n"));
    expect(await declaredIds('recorded', file)).to.deep.equal(['RC-2', 'RC-1']);
  });

  it('reads a file it does not list from the file, as does a file of the same name outside the probe folder', async () => {
    const unlisted = join(probesDir(), 'new.probe.mts');
    writeFileSync(unlisted, probeFile(['RC-4', 'RC-5']));
    expect(await declaredIds('recorded', unlisted)).to.deep.equal(['RC-4', 'RC-5']);
    mkdirSync(join(dir, 'elsewhere'));
    const elsewhere = join(dir, 'elsewhere', 'listed.probe.mts');
    writeFileSync(elsewhere, probeFile(['RC-6']));
    expect(await declaredIds('recorded', elsewhere)).to.deep.equal(['RC-6']);
  });

  it('refuses to run a file whose call sites are not what it lists (npm run docs:checks not run)', async () => {
    const file = join(probesDir(), 'moved.probe.mts');
    writeFileSync(file, probeFile(['RC-3', 'RC-7']));
    let error: Error | undefined;
    await loadedChecks('recorded', file).catch((err: Error) => {
      error = err;
    });
    expect(error?.message).to.match(
      /moved\.probe\.mts declares other checks than .*recorded\.json lists: run npm run docs:checks/,
    );
  });
});
