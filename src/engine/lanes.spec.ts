import '../generate/register.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { laneFiles, probeFiles } from './runner.js';

// Lanes are planned from what the checks declare, not from file names: a file whose checks declare the webhooks
// capability (they wait for callbacks) is dealt first, whatever it is called.

const index = pathToFileURL(fileURLToPath(new URL('../index.ts', import.meta.url))).href;
const probeFile = (ids: string[]) =>
  `import { probes } from '${index}';\nexport default probes('lanes', (p) => {\n${ids
    .map((id) => `  p.check({ id: '${id}' }, async () => {});\n`)
    .join('')}});\n`;

describe('engine: lanes from declared capabilities', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-lanes-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('deals a file of webhook checks first even when its name does not say so, and a file named webhooks in turn', async () => {
    const named = join(dir, 'a-webhooks.probe.mts');
    const plain = join(dir, 'b-plain.probe.mts');
    const waiting = join(dir, 'c-lifecycle.probe.mts');
    writeFileSync(named, probeFile(['LP-TR-001']));
    writeFileSync(plain, probeFile(['LP-TR-002']));
    writeFileSync(waiting, probeFile(['LP-TR-003', 'LP-WH-001']));
    expect(await laneFiles([named, plain, waiting], 2, 'lesspay')).to.deep.equal([[waiting, plain], [named]]);
  });

  it("Lesspay's webhook probe file starts the first lane", async () => {
    const lanes = await laneFiles(probeFiles('lesspay'), 4, 'lesspay');
    expect(lanes[0]![0]).to.match(/webhooks\.probe\.ts$/);
    expect(lanes.flat().sort()).to.deep.equal(probeFiles('lesspay'));
  });
});
