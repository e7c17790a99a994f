import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { buildIsCurrent } from './kits/build.js';
import { type LoopbackRegistry, startLoopbackRegistry } from './kits/registry.js';

// The two packages as another project gets them: `npm pack` (which builds dist/ through `prepare`), installed into
// a temporary project, used there with plain node (no tsx, no TypeScript loader) and compiled against with tsc.

const root = fileURLToPath(new URL('../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runs in the consumer project with plain node: only the installed packages and the consumer's own Ajv. */
const consumerScript = `
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvModule from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { LesspayClient, PaylocoClient } from 'paycert/clients';
import { probes } from 'paycert';
import { allSchemas, loadSchema } from 'paycert-schemas';
import validators from 'paycert-schemas/validators';
import { lesspay as lesspayCodes } from 'paycert-schemas/codes';
import webhookSchema from 'paycert-schemas/lesspay/pay-in-webhook.schema.json' with { type: 'json' };

const Ajv2020 = ajvModule.default ?? ajvModule;
const addFormats = formatsModule.default ?? formatsModule;
const out = { harness: typeof probes };

// The consumer's own Ajv, every schema added by $id.
const ajv = new Ajv2020({ strict: true, schemas: allSchemas() });
addFormats(ajv);
const webhook = ajv.getSchema(webhookSchema.$id);
const documented = JSON.parse(readFileSync(new URL(import.meta.resolve('paycert-schemas/tests/lesspay/pay-in-webhook.json')), 'utf8'))[0]
  .tests.find((t) => t.description.startsWith('the demo real payin webhook sample'));
out.webhookDocumented = webhook(documented.data);
out.webhookNumericAmount = webhook({ ...documented.data, target_amount: 100 });
// The old export path paycert/schemas/* still resolves.
const viaPaycert = JSON.parse(readFileSync(new URL(import.meta.resolve('paycert/schemas/payloco/envelope.schema.json')), 'utf8'));
out.paylocoSeed = ajv.validate(viaPaycert.$id, { code: '00000000', message: 'SUCCESS', traceId: 't1', data: { status: 'SUCCESS' } });
out.codes = lesspayCodes.businessCodes.find((r) => r.value === 1202)?.title;
out.openapi = JSON.parse(readFileSync(new URL(import.meta.resolve('paycert-schemas/openapi/lesspay.openapi.json')), 'utf8')).openapi;
out.loadSchema = loadSchema('payloco/status.schema.json').title;
// The precompiled validators (they need ajv and ajv-formats, which this project has).
out.precompiled = validators[webhookSchema.$id](documented.data);

/** The bundled mock, started with the installed CLI as a user would: URL and test credentials from its output. */
function serve(gateway) {
  const bin = createRequire(import.meta.url).resolve('paycert/package.json').replace(/package\\.json$/, 'bin/paycert.js');
  const child = spawn(process.execPath, [bin, 'serve', gateway, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + text)), 20000);
    child.stdout.on('data', (d) => {
      text += d;
      const url = /listening on (http:\\/\\/127\\.0\\.0\\.1:\\d+)/.exec(text)?.[1];
      if (url && text.includes('Stop with')) {
        clearTimeout(timer);
        const env = Object.fromEntries([...text.matchAll(/export (\\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
        resolve({ url, env, stop: () => child.kill() });
      }
    });
  });
}

const lp = await serve('lesspay');
try {
  const client = new LesspayClient({ baseUrl: lp.url, credentials: { appId: lp.env.LESSPAY_APP_ID, appSecret: lp.env.LESSPAY_APP_SECRET } });
  const created = await client.createPayin({
    request_id: 'pkg-' + Date.now(), product_name: 'p', description: 'd', target_amount: '10.00', target_currency: 'USD',
    success_url: 'https://m.example/s', fail_url: 'https://m.example/f', api_version: 'V2', pay_access_type: 1,
  });
  const found = await client.queryPayin({ pay_order_id: created.pay_order_id });
  out.lesspay = { created: typeof created.pay_order_id, sameOrder: found.pay_order_id === created.pay_order_id };
} finally {
  lp.stop();
}

const pl = await serve('payloco');
try {
  const client = new PaylocoClient({
    baseUrl: pl.url,
    credentials: { merchantId: pl.env.PAYLOCO_MERCHANT_ID, privateKeyPem: readFileSync(pl.env.PAYLOCO_PRIVATE_KEY, 'utf8') },
  });
  const merchantOrderId = 'pkg' + Date.now();
  const paid = await client.pay({ merchantOrderId, transAmt: '20.01', currency: 'USD', payMode: 'QRCODE' });
  const found = await client.query({ merchantOrderId });
  out.payloco = { code: paid.code, status: found.data.status };
} finally {
  pl.stop();
}
console.log(JSON.stringify(out));
`;

const consumerTypes = `
import type { lesspay, payloco } from 'paycert-schemas/types';
import type { PayInWebhook } from 'paycert/types/lesspay/pay-in-webhook.js';
import type { lesspay as lesspayTables } from 'paycert-schemas/codes';
import type { LesspayClient } from 'paycert/clients';
import type { CheckContext, ProbeResponse } from 'paycert';

export const envelope: lesspay.Envelope = { code: 0, msg: '' };
export const ack: payloco.WebhookAck = { code: '00000000', message: 'Success' };
export const status: PayInWebhook['order_status'] = 'SUCCEED';
export const row: (typeof lesspayTables.businessCodes)[number]['value'] = 1202;
export type Created = Awaited<ReturnType<LesspayClient['createPayin']>>['pay_order_id'];
export type Status = ProbeResponse['status'];
export type Context = CheckContext;
// @ts-expect-error code is a JSON integer, never a string
export const wrong: lesspay.Envelope = { code: '0', msg: '' };
`;

/** A CommonJS consumer: `require` of the ES module packages (require(esm), unflagged since Node 20.19 and 22.12). */
const consumerCjs = `
const { probes, ensureEqual } = require('paycert');
const { LesspayClient } = require('paycert/clients');
const { allSchemas } = require('paycert-schemas');
const { lesspay } = require('paycert-schemas/codes');
const validators = require('paycert-schemas/validators');
console.log(JSON.stringify({
  probes: typeof probes,
  ensureEqual: typeof ensureEqual,
  client: typeof LesspayClient,
  schemas: allSchemas().length > 40,
  codes: lesspay.businessCodes.length > 0,
  validators: typeof validators['https://paycert.dev/schemas/lesspay/envelope.schema.json'],
}));
`;

/** The TypeScript code block of README.md's "Use the schemas in another project", as written. */
function readmeAjvExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use the schemas in another project'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md: no ts block under "Use the schemas in another project"');
  return `${block[1]}console.log(typeof webhook, lesspay.businessCodes.length > 0);\n`;
}

/** Module settings a TypeScript consumer may have; each compiles the same files with skipLibCheck off. */
const TS_SETUPS = {
  NodeNext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  Node16: { module: 'Node16', moduleResolution: 'Node16' },
  Bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
  Node10: { module: 'CommonJS', moduleResolution: 'Node10' },
} as const;

function tsc(app: string, name: string, files: string[], options: Record<string, unknown>) {
  const config = `tsconfig.${name}.json`;
  writeFileSync(
    join(app, config),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        strict: true,
        skipLibCheck: false,
        types: ['node'],
        noEmit: true,
        ...options,
      },
      files,
    }),
  );
  const bin = join(root, 'node_modules/typescript/bin/tsc');
  return spawnSync(process.execPath, [bin, '-p', config], { cwd: app, encoding: 'utf8' });
}

/** The Pact majors this Node runs: 17 needs Node 22; 16 (the dev alias pact-v16) runs on 20 and later. */
function pactMajors(): { major: number; dir: string }[] {
  const node = Number(process.versions.node.split('.')[0]);
  const majors = [{ major: 16, dir: join(root, 'node_modules/pact-v16') }];
  if (node >= 22) majors.push({ major: 17, dir: join(root, 'node_modules/@pact-foundation/pact') });
  return majors;
}

function pack(dir: string, args: string[]): string {
  const before = new Set(readdirSync(dir));
  // `prepare` builds dist/ from the current sources before packing; when dist/ is already current (`npm test` built
  // it), packing skips that, because rebuilding empties dist/ under the test files running beside this one.
  const scripts = buildIsCurrent() ? ['--ignore-scripts'] : [];
  execFileSync(npm, ['pack', '--silent', '--pack-destination', dir, ...scripts, ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz') && !before.has(f));
  if (!tgz) throw new Error(`npm pack ${args.join(' ')} wrote no tarball`);
  return join(dir, tgz);
}

function project(dir: string, name: string): string {
  const app = join(dir, name);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }),
  );
  return app;
}

function npmInstall(app: string, tarballs: string[]) {
  return spawnSync(
    npm,
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', ...tarballs],
    { cwd: app, encoding: 'utf8', timeout: 60_000 },
  );
}

function entries(tgz: string): string[] {
  return execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n');
}

/** `npm install` of tarballs with this checkout's loopback registry as the only registry (async: it serves npm). */
function npmInstallFrom(registry: LoopbackRegistry, app: string, cache: string, tarballs: string[]) {
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev'];
  args.push('--registry', registry.url, '--cache', cache, ...tarballs);
  return new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = spawn(npm, args, { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

describe('packages other projects install: paycert and paycert-schemas', function () {
  this.timeout(180_000);
  let dir: string;
  let schemasTgz: string;
  let paycertTgz: string;
  let app: string;
  let registry: LoopbackRegistry;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-pack-'));
    schemasTgz = pack(dir, ['--workspace', 'schemas']);
    paycertTgz = pack(dir, []);
    app = project(dir, 'consumer');
    // paycert's dependencies come from the loopback registry; paycert-schemas only from its tarball (the registry
    // answers 404 for it, as the public one does before the first release).
    registry = await startLoopbackRegistry(
      root,
      Object.keys(pkg.dependencies).filter((d) => d !== 'paycert-schemas'),
    );
    const installed = await npmInstallFrom(registry, app, join(dir, 'npm-cache'), [schemasTgz, paycertTgz]);
    expect(installed.status, installed.out).to.equal(0);
    // The consumer brings its own Ajv (paycert depends on one too; npm may hoist it) and, as a TypeScript project on
    // Node, @types/node. Nothing else: no @types/chai, no TypeScript loader.
    for (const dep of ['ajv', 'ajv-formats', '@types/node']) {
      const dest = join(app, 'node_modules', dep);
      if (existsSync(dest)) continue;
      mkdirSync(join(dest, '..'), { recursive: true });
      symlinkSync(join(root, 'node_modules', dep), dest, 'dir');
    }
  });
  after(async () => {
    await registry?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('paycert ships compiled JavaScript and declarations, no TypeScript for node to run, no tests', () => {
    const files = entries(paycertTgz).map((f) => f.replace(/^package\//, ''));
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).to.deep.equal([]);
    expect(files.filter((f) => /\.spec\.|testkit|cli-tests|selftest/.test(f))).to.deep.equal([]);
    for (const f of [
      'bin/paycert.js',
      'dist/src/cli/cli.js',
      'dist/src/index.d.ts',
      'dist/src/clients/index.js',
    ])
      expect(files, f).to.include(f);
    expect(files.some((f) => /^dist\/suites\/probes\/lesspay\/.+\.probe\.js$/.test(f))).to.equal(true);
    for (const name of ['tsx', 'typescript', '@pact-foundation/pact', 'playwright-core'])
      expect(pkg.dependencies, name).to.not.have.property(name);
    expect(pkg.peerDependenciesMeta['@pact-foundation/pact']).to.deep.equal({ optional: true });
    expect(pkg.dependencies['paycert-schemas']).to.equal(
      JSON.parse(readFileSync(join(root, 'schemas/package.json'), 'utf8')).version,
    );
  });

  it('paycert-schemas installs with zero dependencies and ships schemas, tables, types and OpenAPI', () => {
    const alone = project(dir, 'schemas-only');
    const res = npmInstall(alone, [schemasTgz]);
    expect(res.status, res.stderr).to.equal(0);
    expect(readdirSync(join(alone, 'node_modules')).filter((f) => !f.startsWith('.'))).to.deep.equal([
      'paycert-schemas',
    ]);
    const manifest = JSON.parse(
      readFileSync(join(alone, 'node_modules/paycert-schemas/package.json'), 'utf8'),
    );
    expect(manifest.dependencies ?? {}).to.deep.equal({});
    const files = entries(schemasTgz).map((f) => f.replace(/^package\//, ''));
    for (const f of [
      'lesspay/envelope.schema.json',
      'payloco/webhook.schema.json',
      'codes.js',
      'dist/validators.cjs',
      'types/index.d.ts',
      'openapi/lesspay.openapi.json',
      'openapi/payloco.openapi.json',
      'tests/lesspay/envelope.json',
      'README.md',
    ])
      expect(files, f).to.include(f);
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { schemaIds } from 'paycert-schemas'; console.log(schemaIds.length)",
      ],
      { cwd: alone, encoding: 'utf8' },
    );
    expect(Number(out)).to.be.greaterThan(40);
  });

  it('with plain node: clients call the bundled mocks, a documented example validates with Ajv', () => {
    expect(existsSync(join(app, 'node_modules/tsx')), 'tsx must not be installed').to.equal(false);
    writeFileSync(join(app, 'consumer.mjs'), consumerScript);
    const res = spawnSync(process.execPath, ['consumer.mjs'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status, res.stderr).to.equal(0);
    expect(JSON.parse(res.stdout)).to.deep.equal({
      harness: 'function',
      webhookDocumented: true,
      webhookNumericAmount: false,
      paylocoSeed: true,
      codes: 'Data Not Found',
      openapi: '3.1.0',
      loadSchema: 'Payloco order status',
      precompiled: true,
      lesspay: { created: 'string', sameOrder: true },
      payloco: { code: '00000003', status: 'PENDING' },
    });
  });

  it('the installed paycert binary certifies the bundled Lesspay mock and names a missing optional package', () => {
    const bin = join(app, 'node_modules/.bin/paycert');
    const version = spawnSync(bin, ['--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout.trim()).to.equal(pkg.version);
    const reports = join(dir, 'reports');
    const run = spawnSync(bin, ['run', 'lesspay', '--quiet', '--report-dir', reports], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.match(/lesspay: CERTIFIED — \d+ passed, 0 failed/);
    // Pact is an optional peer: not installed here, so `verify` says what to install, in one line, exit 2.
    const verify = spawnSync(bin, ['verify', 'lesspay', '--base-url', 'http://127.0.0.1:9'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, LESSPAY_APP_ID: 'a', LESSPAY_APP_SECRET: 's' },
    });
    expect(verify.status).to.equal(2);
    expect(verify.stderr).to.equal(
      'paycert: the verify command needs the package @pact-foundation/pact: npm i @pact-foundation/pact\n',
    );
  });

  it('CommonJS: require() loads paycert, its clients and paycert-schemas (require of ES modules)', () => {
    writeFileSync(join(app, 'consumer.cjs'), consumerCjs);
    const res = spawnSync(process.execPath, ['consumer.cjs'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status, res.stderr).to.equal(0);
    expect(JSON.parse(res.stdout)).to.deep.equal({
      probes: 'function',
      ensureEqual: 'function',
      client: 'function',
      schemas: true,
      codes: true,
      validators: 'function',
    });
  });

  it('the published declarations name no test library (a consumer without @types/chai compiles)', () => {
    const declarations = entries(paycertTgz).filter((f) => f.endsWith('.d.ts'));
    const offenders = declarations.filter((f) =>
      /from ['"](chai|mocha|supertest)['"]/.test(
        readFileSync(join(app, 'node_modules/paycert', f.replace(/^package\//, '')), 'utf8'),
      ),
    );
    expect(offenders).to.deep.equal([]);
    expect(existsSync(join(app, 'node_modules/@types/chai'))).to.equal(false);
  });

  for (const [name, options] of Object.entries(TS_SETUPS)) {
    it(`TypeScript, moduleResolution ${name}, skipLibCheck off: types, code tables, client and harness declarations`, () => {
      writeFileSync(join(app, 'check.ts'), consumerTypes);
      const res = tsc(app, name, ['check.ts'], options);
      expect(res.status, res.stdout + res.stderr).to.equal(0);
    });
  }

  it("README's Ajv example compiles as written under NodeNext, skipLibCheck off, and runs", () => {
    writeFileSync(join(app, 'readme-example.ts'), readmeAjvExample());
    const res = tsc(app, 'readme', ['readme-example.ts'], {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      noEmit: false,
      outDir: 'out',
    });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const run = spawnSync(process.execPath, ['out/readme-example.js'], { cwd: app, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout.trim()).to.equal('function true');
  });

  for (const { major, dir: pactDir } of pactMajors()) {
    it(`paycert verify replays the contracts with Pact ${major} installed beside it`, () => {
      const link = join(app, 'node_modules/@pact-foundation/pact');
      mkdirSync(join(link, '..'), { recursive: true });
      symlinkSync(pactDir, link, 'dir');
      try {
        const reports = join(dir, `verify-pact-${major}`);
        const bin = join(app, 'node_modules/.bin/paycert');
        const res = spawnSync(bin, ['verify', 'lesspay', '--quiet', '--report-dir', reports], {
          cwd: app,
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(res.status, res.stdout + res.stderr).to.equal(0);
        const results = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8'));
        expect(results).to.include({ command: 'verify', verdict: 'certified' });
        expect(results.checks.length).to.be.greaterThan(5);
      } finally {
        rmSync(link);
      }
    });
  }
});
