import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import {
  explain,
  SCHEMA_BASE,
  schemaFiles,
  schemasDir,
  validate,
  validatorFor,
} from './core/schema-registry.js';

interface CorpusTest {
  description: string;
  data: unknown;
  valid: boolean;
}
interface CorpusGroup {
  description: string;
  schema: { $ref: string };
  tests: CorpusTest[];
}

/** The gateway folders are the imported product; schemas/paycert/ is the harness's own format. */
const GATEWAYS = ['lesspay', 'payloco'];
const testsDir = join(schemasDir, 'tests');

function corpusFiles(dir = testsDir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusFiles(path));
    else if (entry.name.endsWith('.json')) out.push(path);
  }
  return out.sort();
}

const corpus = corpusFiles().map((file) => ({
  name: relative(testsDir, file),
  groups: JSON.parse(readFileSync(file, 'utf8')) as CorpusGroup[],
}));

describe('schema corpus', () => {
  for (const { name, groups } of corpus) {
    describe(name, () => {
      for (const group of groups) {
        describe(group.description, () => {
          for (const test of group.tests) {
            it(test.description, () => {
              const fn = validatorFor(group.schema.$ref);
              const valid = fn(test.data) as boolean;
              const problems = valid ? [] : explain(fn.errors, test.data).map((p) => p.message);
              expect(
                valid,
                `expected ${test.valid ? 'valid' : 'invalid'}; problems: ${problems.join('; ')}`,
              ).to.equal(test.valid);
            });
          }
        });
      }
    });
  }
});

describe('schema lint', () => {
  const files = schemaFiles();

  it('every schema file has $schema, $id, title, description and $comment', () => {
    const missing: string[] = [];
    for (const file of files) {
      const schema = JSON.parse(readFileSync(file, 'utf8'));
      for (const key of ['$schema', '$id', 'title', 'description', '$comment']) {
        if (typeof schema[key] !== 'string' || schema[key].length === 0) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('every gateway $comment names a profile reading and a documentation URL', () => {
    const bare = files
      .filter((f) => GATEWAYS.some((g) => f.startsWith(join(schemasDir, g))))
      .filter((f) => {
        const comment = String(JSON.parse(readFileSync(f, 'utf8')).$comment);
        return !/\b[LP][0-9]{1,2}\b/.test(comment) || !/https:\/\/\S+/.test(comment);
      });
    expect(bare).to.deep.equal([]);
  });

  it('no gateway schema uses an x- keyword', () => {
    const found: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) found.push(`${where}/${key}`);
        walk(value, `${where}/${key}`);
      }
    };
    for (const file of files.filter((f) => GATEWAYS.some((g) => f.startsWith(join(schemasDir, g))))) {
      walk(JSON.parse(readFileSync(file, 'utf8')), relative(schemasDir, file));
    }
    expect(found).to.deep.equal([]);
  });

  it('every schema has a corpus file with at least 3 invalid cases', () => {
    const invalidByFile = new Map<string, Map<string, number>>();
    for (const { name, groups } of corpus) {
      for (const group of groups) {
        const id = group.schema.$ref.split('#')[0];
        const perFile = invalidByFile.get(id) ?? new Map<string, number>();
        perFile.set(name, (perFile.get(name) ?? 0) + group.tests.filter((t) => !t.valid).length);
        invalidByFile.set(id, perFile);
      }
    }
    const short: string[] = [];
    for (const file of files) {
      const path = relative(schemasDir, file).split('\\').join('/');
      const counts = [...(invalidByFile.get(SCHEMA_BASE + path)?.values() ?? [])];
      if (!counts.some((n) => n >= 3))
        short.push(`${path}: ${counts.length ? counts.join(',') : 'no corpus'}`);
    }
    expect(short).to.deep.equal([]);
  });

  it('every corpus group points at a known schema and has valid and invalid cases', () => {
    const problems: string[] = [];
    for (const { name, groups } of corpus) {
      for (const group of groups) {
        try {
          validatorFor(group.schema.$ref);
        } catch (err) {
          problems.push(`${name}: ${(err as Error).message}`);
        }
        if (!group.tests.some((t) => t.valid)) problems.push(`${name} / ${group.description}: no valid case`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('descriptions are unique within each corpus file', () => {
    const dupes: string[] = [];
    for (const { name, groups } of corpus) {
      const seen = new Set<string>();
      for (const d of groups.flatMap((g) => [g.description, ...g.tests.map((t) => t.description)])) {
        if (seen.has(d)) dupes.push(`${name}: ${d}`);
        seen.add(d);
      }
    }
    expect(dupes).to.deep.equal([]);
  });
});

describe('explain()', () => {
  it('gives the pointer, the expected type and the received value', () => {
    const data = { code: '0', msg: '' };
    const { valid, problems } = validate('lesspay/envelope.schema.json', data);
    expect(valid).to.equal(false);
    expect(problems).to.deep.include({
      pointer: '/code',
      message: '/code must be integer',
      expected: 'type integer',
      received: '0',
    });
  });

  it('reports a missing member as absent', () => {
    const { problems } = validate('payloco/envelope.schema.json', {
      code: '00000000',
      message: 'SUCCESS',
      data: { status: 'SUCCESS' },
    });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ pointer: '/', expected: 'property "traceId"', received: '(absent)' });
  });

  it('gives a pattern as expected for a 7-digit code', () => {
    const data = { code: '0000000', message: '', traceId: 't', data: { status: 'SUCCESS' } };
    const { problems } = validate('payloco/envelope.schema.json', data);
    expect(problems.map((p) => [p.pointer, p.expected, p.received])).to.deep.include([
      '/code',
      'pattern ^[0-9]{8}$',
      '0000000',
    ]);
  });
});
