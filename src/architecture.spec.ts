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

/** The names a module's `import { … } from '…'` statements take from each relative module (original names, before `as`). */
function importedNames(text: string): { from: string; names: string[] }[] {
  return [...text.matchAll(/^\s*import\s+(?:type\s+)?(?:\{([^}]*)\}\s+from\s+)?'(\.[^']+)'/gm)].map((m) => ({
    from: m[2]!,
    names: (m[1] ?? '')
      .split(',')
      .map(
        (n) =>
          n
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!,
      )
      .filter(Boolean),
  }));
}

/** What src/index.ts re-exports from each module: the original names, or '*' for `export * from`. */
function publicSurface(text: string): Map<string, Set<string> | '*'> {
  const surface = new Map<string, Set<string> | '*'>();
  for (const m of text.matchAll(/^export\s+(?:type\s+)?(?:\{([^}]*)\}|(\*))\s+from\s+'(\.[^']+)'/gm)) {
    if (m[2]) {
      surface.set(m[3]!, '*');
      continue;
    }
    const names = surface.get(m[3]!);
    const set = names instanceof Set ? names : new Set<string>();
    for (const n of m[1]!.split(',')) {
      const name = n
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!;
      if (name) set.add(name);
    }
    surface.set(m[3]!, set);
  }
  return surface;
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

// The layers of src/, lowest first (CONTRIBUTING.md's layout table says the same in words). A room is a folder under
// src/ or a file directly in it. A room may import itself, any room of a lower layer, and a room of its own layer only
// where `beside` declares it; never a room of a higher layer. Test-only rooms sit on top: nothing at run time imports
// them. Spec files are tests of their room and are not held to its layer.
interface Layer {
  name: string;
  /** Each room of the layer with the reason it sits here. */
  rooms: Record<string, string>;
  /** Imports between rooms of this layer, declared one by one (room -> the rooms beside it that it may import). */
  beside?: Record<string, string[]>;
}

const LAYERS: Layer[] = [
  {
    name: 'core',
    rooms: {
      core: 'result types, outcome classifier, verdict, redaction, schema registry, catalogue loader, paths',
    },
  },
  {
    name: 'leaves',
    rooms: {
      signing: 'signature maths of each gateway; needs only the core',
      report: 'renderers of a results document; read only the core result types',
      ci: "CI's own outputs (job summary, annotations), drawn from results and the report's root causes",
    },
    beside: { ci: ['report'] },
  },
  {
    name: 'gateways',
    rooms: {
      gateways: 'the gateway registry: endpoints, credentials, signing adapters of each gateway',
      clients: "typed example clients of each gateway (the package's ./clients), built on signing",
    },
    beside: { clients: ['gateways'] },
  },
  {
    name: 'engine',
    rooms: {
      engine: 'the run of probe files: catalogue, context, runner, transport, waits, selection, certify',
    },
  },
  {
    name: 'checks',
    rooms: { checks: 'the assertions a check calls on what its CheckContext received' },
  },
  {
    name: 'capabilities',
    rooms: {
      webhooks: 'the handler checks of webhook-test and observed callbacks',
      drivers:
        "how lifecycle checks finish payments and payouts, implementing the engine's driver interfaces",
      generate: 'checks generated from the request schemas, registered into the catalogue',
      audit: 'client checks over a recording proxy',
      pact: 'Pact contracts and their verification',
    },
  },
  {
    name: 'output',
    rooms: {
      output:
        "what a command shows and writes: console lines, the live reporter, the report folder, the run's session",
      config:
        "paycert.config.json, read and validated against its schema, applied to the flags of the registry's gateways",
    },
  },
  {
    name: 'commands',
    rooms: {
      commands: 'one module per paycert command, composing the rooms below',
      'index.ts': 'the package entry probe files and integrators import: re-exports the rooms below',
      'checks-doc.ts': 'writes docs/checks.md from every catalogue (scripts/gen-checks-doc.ts)',
    },
  },
  {
    name: 'cli',
    rooms: { cli: 'the command line: options, help, and the command each one loads' },
  },
  {
    name: 'entry',
    rooms: { 'main.ts': "the bin's entry: runs the CLI" },
  },
];

/** The room of a path under src/ ('src/engine/http.ts' -> 'engine', 'src/index.ts' -> 'index.ts'). */
function roomOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.js$/, '.ts');
}

/** Every import of a relative path in a module's text: static, `export … from`, bare and dynamic `import('…')`. */
function relativeImports(text: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.[^'"]+)['"]/gm,
    /^\s*import\s+['"](\.[^'"]+)['"]/gm,
    /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]!));
}

/** The import edges between files of src/ (paths relative to the repository root), runtime modules only. */
function srcImportGraph(): { from: string; to: string }[] {
  return tsFiles('src')
    .filter((f) => !/\.spec\.ts$/.test(f))
    .flatMap((from) =>
      relativeImports(readFileSync(join(root, from), 'utf8'))
        .map((spec) => ({ from, to: relative(root, join(root, from, '..', spec)) }))
        .filter((e) => e.to.startsWith('src/')),
    );
}

/** The imports that break the layer order: upward, sideways undeclared, or from or to a room with no layer. */
function layerViolations(edges: { from: string; to: string }[], layers: Layer[] = LAYERS): string[] {
  const layerOf = new Map<string, number>();
  layers.forEach((l, i) => {
    for (const room of Object.keys(l.rooms)) layerOf.set(room, i);
  });
  return edges.flatMap(({ from, to }) => {
    const [a, b] = [roomOf(from), roomOf(to)];
    if (a === b) return [];
    const [la, lb] = [layerOf.get(a), layerOf.get(b)];
    const edge = `${from} -> ${to}`;
    if (la === undefined || lb === undefined)
      return [`${edge}: room ${la === undefined ? a : b} has no layer (add it to LAYERS)`];
    if (lb < la) return [];
    if (lb > la)
      return [
        `${edge}: ${a} (layer ${layers[la]!.name}) imports ${b} of the higher layer ${layers[lb]!.name}`,
      ];
    if (layers[la]!.beside?.[a]?.includes(b)) return [];
    return [`${edge}: ${a} imports ${b} beside it in layer ${layers[la]!.name}, undeclared`];
  });
}

describe('architecture', () => {
  it('mocks import nothing from the harness, the suites or the contracts', () => {
    expect(offenders('mocks', (t) => /^(src|suites|contracts)\//.test(t))).to.deep.equal([]);
  });

  it('suites import from the harness only what src/index.ts exports, from src/index.ts or the module defining it', () => {
    // A probe file imports each name from the module that defines it, so a run of one check loads that check's
    // modules and not the whole package entry (issue 26); the surface stays the entry's, which other repos import.
    const surface = publicSurface(readFileSync(join(root, 'src/index.ts'), 'utf8'));
    const found = tsFiles('suites').flatMap((f) =>
      importedNames(readFileSync(join(root, f), 'utf8'))
        .map((i) => ({ ...i, to: relative(root, join(root, f, '..', i.from)) }))
        .filter((i) => i.to.startsWith('src/') && i.to !== 'src/index.js')
        .flatMap(({ to, names }) => {
          const offered = surface.get(`./${to.slice('src/'.length)}`);
          if (offered === undefined) return [`${f} -> ${to}: not a module src/index.ts re-exports`];
          if (offered === '*') return [];
          return names
            .filter((n) => !offered.has(n))
            .map((n) => `${f} -> ${to}: ${n} is not in src/index.ts`);
        }),
    );
    expect(found).to.deep.equal([]);
    expect(offenders('suites', (t) => t.startsWith('mocks/'))).to.deep.equal([]);
  });

  it("the suites' rule reads src/index.ts's re-exports and a file's imported names", () => {
    const surface = publicSurface(
      "export { a, type B as C } from './x/a.js';\nexport type {\n  D,\n} from './y.js';\nexport * from './z/index.js';",
    );
    expect([...surface].map(([m, n]) => [m, n === '*' ? n : [...n]])).to.deep.equal([
      ['./x/a.js', ['a', 'B']],
      ['./y.js', ['D']],
      ['./z/index.js', '*'],
    ]);
    expect(
      importedNames(
        "import { a, type B as Local } from '../src/x/a.js';\nimport type {\n  D,\n} from './y.js';\nimport './e.js';",
      ),
    ).to.deep.equal([
      { from: '../src/x/a.js', names: ['a', 'B'] },
      { from: './y.js', names: ['D'] },
      { from: './e.js', names: [] },
    ]);
  });

  it('the harness never imports a mock or a suite statically', () => {
    expect(offenders('src', (t) => /^(mocks|suites)\//.test(t))).to.deep.equal([]);
  });

  describe('the layers of src/', () => {
    const planted = [
      { from: 'src/core/a.ts', to: 'src/core/b.ts' }, // own room
      { from: 'src/engine/http.ts', to: 'src/core/errors.ts' }, // down
      { from: 'src/ci/github.ts', to: 'src/report/root-cause.ts' }, // beside, declared
      { from: 'src/main.ts', to: 'src/cli/cli.ts' }, // top-level file, down
      { from: 'src/engine/http.ts', to: 'src/webhooks/waits.ts' }, // up
      { from: 'src/core/catalogue.ts', to: 'src/generate/cases.ts' }, // up, several layers
      { from: 'src/drivers/complete.ts', to: 'src/webhooks/session.ts' }, // beside, undeclared
      { from: 'src/report/html.ts', to: 'src/ci/github.ts' }, // beside, declared only the other way
      { from: 'src/newroom/x.ts', to: 'src/core/errors.ts' }, // a room with no layer
      { from: 'src/commands/run.ts', to: 'src/main.ts' }, // runtime code reaching the bin's entry above it
    ];

    it('the rule finds every planted violation and only those', () => {
      expect(layerViolations(planted)).to.deep.equal([
        'src/engine/http.ts -> src/webhooks/waits.ts: engine (layer engine) imports webhooks of the higher layer capabilities',
        'src/core/catalogue.ts -> src/generate/cases.ts: core (layer core) imports generate of the higher layer capabilities',
        'src/drivers/complete.ts -> src/webhooks/session.ts: drivers imports webhooks beside it in layer capabilities, undeclared',
        'src/report/html.ts -> src/ci/github.ts: report imports ci beside it in layer leaves, undeclared',
        'src/newroom/x.ts -> src/core/errors.ts: room newroom has no layer (add it to LAYERS)',
        'src/commands/run.ts -> src/main.ts: commands (layer commands) imports main.ts of the higher layer entry',
      ]);
    });

    it('every kind of relative import is read: static, type-only, export-from, bare and dynamic', () => {
      const text = [
        "import { a } from './a.js';",
        "import type {\n  B,\n} from '../b/b.js';",
        "export { c } from './c.js';",
        "export * from './d.js';",
        "import './e.js';",
        "const f = await import('../f/f.js');",
        "import g from 'node:fs';",
        'const h = await import(pathToFileURL(file).href);',
      ].join('\n');
      expect(relativeImports(text).sort()).to.deep.equal(
        ['../b/b.js', '../f/f.js', './a.js', './c.js', './d.js', './e.js'].sort(),
      );
    });

    it("CONTRIBUTING.md's layer table says the same order", () => {
      const text = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
      const table = text.slice(text.indexOf('### Layers of `src/`')).split('\n\n')[1]!;
      const documented: Record<string, string> = {};
      let layer = '';
      for (const row of table.split('\n').slice(2)) {
        const [, name, rooms] = row.split('|').map((c) => c.trim());
        layer = name || layer;
        for (const m of rooms!.matchAll(/`([^`]+?)\/?`/g)) documented[m[1]!] = layer;
      }
      const declared = Object.fromEntries(
        LAYERS.flatMap((l) => Object.keys(l.rooms).map((r) => [r, l.name])),
      );
      expect(documented).to.deep.equal(declared);
    });

    it('every room of src/ has a layer', () => {
      const rooms = readdirSync(join(root, 'src'))
        .filter(
          (n) =>
            statSync(join(root, 'src', n)).isDirectory() || (n.endsWith('.ts') && !n.endsWith('.spec.ts')),
        )
        .filter((n) => !n.endsWith('.d.ts'));
      const placed = new Set(LAYERS.flatMap((l) => Object.keys(l.rooms)));
      expect(rooms.filter((r) => !placed.has(r))).to.deep.equal([]);
    });

    it('src/ imports only down the layers (and beside where declared)', () => {
      expect(layerViolations(srcImportGraph())).to.deep.equal([]);
    });
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
