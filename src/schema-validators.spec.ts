import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect } from 'chai';
import { SCHEMA_BASE, schemaFiles, schemasDir, validatorFor } from './core/schema-registry.js';

// Compiled paycert validates with the Ajv standalone module paycert-schemas precompiles at build time
// (schemas/dist/validators.cjs). It must say exactly what the live registry says: same verdicts, same errors.

const file = join(schemasDir, 'dist/validators.cjs');
const singleFile = (id: string) =>
  join(schemasDir, 'dist/validators', id.slice(SCHEMA_BASE.length).replace(/\.json$/, '.cjs'));

describe('precompiled schema validators (schemas/dist/validators.cjs)', () => {
  let precompiled: Record<string, (data: unknown) => boolean> & Record<string, any>;
  before(() => {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
    precompiled = createRequire(import.meta.url)(file);
  });

  it('has one validator per schema, by $id', () => {
    const ids = schemaFiles().map((f) => SCHEMA_BASE + f.slice(schemasDir.length).split('\\').join('/'));
    expect(Object.keys(precompiled).sort()).to.deep.equal(ids.sort());
  });

  it('has one module per schema too (dist/validators/<folder>/<name>.schema.cjs) exporting its validator', () => {
    for (const f of schemaFiles()) {
      const id = SCHEMA_BASE + f.slice(schemasDir.length).split('\\').join('/');
      expect(Object.keys(createRequire(import.meta.url)(singleFile(id))), id).to.deep.equal([id]);
    }
  });

  it('gives the verdicts and errors of the live registry on every corpus case', () => {
    const testsDir = join(schemasDir, 'tests');
    let cases = 0;
    for (const gateway of readdirSync(testsDir)) {
      for (const name of readdirSync(join(testsDir, gateway))) {
        const groups = JSON.parse(readFileSync(join(testsDir, gateway, name), 'utf8'));
        for (const group of groups) {
          const id = group.schema.$ref;
          const live = validatorFor(id);
          const pre = precompiled[id];
          // The one-schema module compiled paycert requires at run time (issue 26) says the same.
          const single = createRequire(import.meta.url)(singleFile(id))[id];
          for (const t of group.tests) {
            const where = `${gateway}/${name}: ${t.description}`;
            expect(pre(t.data), where).to.equal(live(t.data));
            expect(pre.errors ?? null, where).to.deep.equal(live.errors ?? null);
            expect(single(t.data), where).to.equal(live(t.data));
            expect(single.errors ?? null, where).to.deep.equal(live.errors ?? null);
            cases++;
          }
        }
      }
    }
    expect(cases).to.be.greaterThan(300);
  });
});
