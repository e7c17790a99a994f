import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { defaultOutDir, generateTypes } from '../scripts/gen-types.js';

describe('generated schema types', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-types-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('schemas/types matches a fresh `npm run types` (run it and commit the result if this fails)', async () => {
    const written = await generateTypes(dir);
    expect(written).to.include('index.d.ts');
    const stale = written.filter((rel) => {
      let committed: string;
      try {
        committed = readFileSync(join(defaultOutDir, rel), 'utf8');
      } catch {
        return true;
      }
      return committed !== readFileSync(join(dir, rel), 'utf8');
    });
    expect(stale, 'stale or missing generated types').to.deep.equal([]);
  });
});
