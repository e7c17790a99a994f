import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

// The import rules of CONTRIBUTING.md, enforced (style: the OpenID suite's ArchUnit tests). The suite talks to a
// target only over HTTP, and the mocks are an independent implementation, so one bug cannot hide on both sides.

const root = fileURLToPath(new URL('../', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(join(root, path)).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Every static import's target, resolved to a path relative to the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) =>
    relative(root, join(root, file, '..', m[1])),
  );
}

function offenders(dir: string, forbidden: (target: string) => boolean): string[] {
  return tsFiles(dir).flatMap((f) =>
    importsOf(f)
      .filter(forbidden)
      .map((t) => `${f} -> ${t}`),
  );
}

describe('architecture', () => {
  it('mocks import nothing from the harness, the suites or the contracts', () => {
    expect(offenders('mocks', (t) => /^(src|suites|contracts)\//.test(t))).to.deep.equal([]);
  });

  it('probe and consumer suites import the harness only through src/index.ts', () => {
    expect(offenders('suites', (t) => t.startsWith('src/') && t !== 'src/index.js')).to.deep.equal([]);
    expect(offenders('suites', (t) => t.startsWith('mocks/'))).to.deep.equal([]);
  });

  it('the harness never imports a mock or a suite statically', () => {
    expect(offenders('src', (t) => /^(mocks|suites)\//.test(t))).to.deep.equal([]);
  });

  it('the core imports nothing of the harness outside src/core/: no renderer, no runner', () => {
    const runtime = (f: string) => !/\.spec\.ts$/.test(f);
    const found = tsFiles('src/core')
      .filter(runtime)
      .flatMap((f) => importsOf(f).map((t) => `${f} -> ${t}`))
      .filter((edge) => !/ -> src\/core\//.test(edge));
    expect(found).to.deep.equal([]);
  });

  it('the renderers (src/report/) import only the core and each other', () => {
    const runtime = (f: string) => !/(\.spec\.ts$|^src\/report\/fixtures\/)/.test(f);
    const found = tsFiles('src/report')
      .filter(runtime)
      .flatMap((f) => importsOf(f).map((t) => `${f} -> ${t}`))
      .filter((edge) => !/ -> src\/(core|report)\//.test(edge));
    expect(found).to.deep.equal([]);
  });

  it('no runner keeps its own outcome classifier, results head or verdict rule', () => {
    const runtime = tsFiles('src').filter((f) => !/\.spec\.ts$/.test(f) && !f.startsWith('src/core/'));
    const copies = runtime.filter((f) =>
      /function (outcomeOf|verdictOf|overallVerdict)\b|format: 'paycert-results\/1'|runId: `/.test(
        readFileSync(join(root, f), 'utf8'),
      ),
    );
    expect(copies).to.deep.equal([]);
  });

  it('runtime code finds files through src/core/paths.ts, never by a URL relative to itself', () => {
    // Compiled, a module sits one folder deeper (dist/src/…) while data stays at the package root: a relative URL
    // that works from the sources breaks in the installed package. Tests and their helpers run from sources only.
    const testOnly = /(\.spec\.ts|testkit\.ts)$|^src\/(cli-tests|report\/fixtures|selftest)\//;
    const relativeUrl = /new URL\([^)]*import\.meta\.url/;
    const found = ['src', 'suites']
      .flatMap((dir) => tsFiles(dir))
      .filter((f) => !testOnly.test(f) && relativeUrl.test(readFileSync(join(root, f), 'utf8')));
    expect(found).to.deep.equal([]);
  });
});
