import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** Every .ts, .js and .mjs file under the given folders (node_modules excluded). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// Entry points of packages without an `exports` map that their own documentation names (Ajv's guide imports the
// 2020-12 class and the standalone code generator from these paths).
const DOCUMENTED_ENTRY_POINTS = new Set(['ajv/dist/2020.js', 'ajv/dist/standalone/index.js']);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Whether an `exports` map offers this subpath ("./x" exactly, or a "./x/*" pattern). */
function exported(exportsMap: unknown, subpath: string): boolean {
  if (typeof exportsMap !== 'object' || exportsMap === null) return false;
  const keys = Object.keys(exportsMap).filter((k) => k.startsWith('.'));
  return keys.some((k) => {
    if (k === subpath) return true;
    const star = k.indexOf('*');
    return star >= 0 && subpath.startsWith(k.slice(0, star)) && subpath.endsWith(k.slice(star + 1));
  });
}

/**
 * Quoted specifiers that reach into an installed package below its public entry points: a subpath its `exports`
 * map does not offer (or, without one, that its documentation does not name). Any quoted string counts, so a
 * module loaded through createRequire(...)('pkg/lib/x') is caught as well as an import.
 */
function deepImports(file: string, text: string): string[] {
  return [...text.matchAll(/['"]((?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*\/[^'"\s*]+)['"]/g)].flatMap(
    (m) => {
      const specifier = m[1]!;
      const name = packageName(specifier);
      const manifest = join(root, 'node_modules', name, 'package.json');
      if (!existsSync(manifest) || specifier === name) return [];
      const subpath = `.${specifier.slice(name.length)}`;
      const { exports: map } = JSON.parse(readFileSync(manifest, 'utf8'));
      const ok = map === undefined ? DOCUMENTED_ENTRY_POINTS.has(specifier) : exported(map, subpath);
      return ok ? [] : [`${file}: ${specifier}`];
    },
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
    const testOnly = /\.spec\.ts$/;
    const relativeUrl = /new URL\([^)]*import\.meta\.url/;
    const found = ['src', 'suites']
      .flatMap((dir) => tsFiles(dir))
      .filter((f) => !testOnly.test(f) && relativeUrl.test(readFileSync(join(root, f), 'utf8')));
    expect(found).to.deep.equal([]);
  });
  it('no file reaches into a dependency below its public entry points', () => {
    // The rule itself, on the import that once pinned undici to patch releases (spelled apart so this file passes).
    const internal = ['undici', 'lib', 'dispatcher', 'agent'].join('/');
    expect(deepImports('x.ts', `load('${internal}')`)).to.deep.equal([`x.ts: ${internal}`]);
    expect(
      deepImports('x.ts', "import { Agent } from 'undici'; import a from 'ajv/dist/2020.js'"),
    ).to.deep.equal([]);
    const found = ['src', 'suites', 'mocks', 'test', 'bench', 'scripts', 'examples', 'bin', 'schemas']
      .flatMap((dir) => sourceFiles(dir))
      .filter((f) => !f.startsWith('schemas/dist/'))
      .flatMap((f) => deepImports(f, readFileSync(join(root, f), 'utf8')));
    expect(found).to.deep.equal([]);
  });
});
