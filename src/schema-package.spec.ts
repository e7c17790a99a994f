import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs in the consumer project with plain Node: nothing of paycert's harness, only the installed package. */
const consumerScript = `
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ajvModule from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

const Ajv2020 = ajvModule.default ?? ajvModule;
const addFormats = formatsModule.default ?? formatsModule;
const BASE = 'https://paycert.dev/schemas/';
// $id = BASE + path below schemas/, and the package exports ./schemas/*: the $id names the file.
const load = (id) => {
  const url = import.meta.resolve('paycert/schemas/' + id.slice(BASE.length).split('#')[0]);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
};
const ajv = new Ajv2020({ strict: true, loadSchema: async (uri) => load(uri) });
addFormats(ajv);

const webhook = await ajv.compileAsync(load(BASE + 'lesspay/pay-in-webhook.schema.json'));
const envelope = await ajv.compileAsync(load(BASE + 'payloco/envelope.schema.json'));
const sample = {
  pay_order_id: 'P2045118164054515713', request_id: '1585581674', order_status: 'SUCCEED',
  target_currency: 'USD', target_amount: '100.00', product_name: 'deposit', description: 'Deposit #1585581674',
  complete_time: null, error_code: null, error_msg: null, notify_url: null, merchant_reserved_field: null,
  api_version: 'v1', order_status_int: 2, event: null, event_data: null,
  channel_biz_data: { issuer_country: 'PL', '3ds': { downgraded: false, enrolled: 'Y' }, issuer: 'CREDIT AGRICOLE BANK POLSKA S.A.' },
};
const seed = { code: '00000000', message: 'SUCCESS', traceId: 'cfef69feec8d25aa', data: { status: 'SUCCESS' } };
console.log(JSON.stringify({
  webhookSample: webhook(sample),
  webhookNumericAmount: webhook({ ...sample, target_amount: 100 }),
  paylocoSeed: envelope(seed),
  paylocoSevenDigits: envelope({ ...seed, code: '0000000' }),
}));
`;

const consumerTypes = `
import type { lesspay, payloco } from 'paycert/types';
import type { PayInWebhook } from 'paycert/types/lesspay/pay-in-webhook.js';

export const envelope: lesspay.Envelope = { code: 0, msg: '' };
export const ack: payloco.WebhookAck = { code: '00000000', message: 'Success' };
export const status: PayInWebhook['order_status'] = 'SUCCEED';
// @ts-expect-error code is a JSON integer, never a string
export const wrong: lesspay.Envelope = { code: '0', msg: '' };
`;

/** Installs the tarball offline; when npm would need the network, unpacks it as npm would. */
function install(app: string, tgz: string): 'npm' | 'tar' {
  const res = spawnSync(
    npm,
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--omit=dev',
      '--omit=optional',
      tgz,
    ],
    { cwd: app, encoding: 'utf8', timeout: 15_000 },
  );
  if (res.status === 0 && existsSync(join(app, 'node_modules/paycert/package.json'))) return 'npm';
  rmSync(join(app, 'node_modules'), { recursive: true, force: true });
  const dest = join(app, 'node_modules/paycert');
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', dest, '--strip-components=1']);
  return 'tar';
}

describe('packed schemas package', function () {
  this.timeout(60_000);
  let dir: string;
  let app: string;
  let how: 'npm' | 'tar';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-pack-'));
    execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], {
      cwd: root,
      stdio: 'ignore',
    });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack wrote no tarball');
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'paycert-consumer', version: '1.0.0', private: true, type: 'module' }),
    );
    how = install(app, join(dir, tgz));
    // The consumer brings its own Ajv; without the network it borrows this checkout's copy.
    for (const dep of ['ajv', 'ajv-formats']) {
      if (!existsSync(join(app, 'node_modules', dep))) {
        symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
      }
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ships every gateway schema, the corpus and the generated types', () => {
    const pkg = join(app, 'node_modules/paycert');
    for (const rel of [
      'schemas/lesspay/envelope.schema.json',
      'schemas/payloco/envelope.schema.json',
      'schemas/tests/lesspay/envelope.json',
      'schemas/types/index.d.ts',
      'schemas/types/lesspay/index.d.ts',
    ]) {
      expect(existsSync(join(pkg, rel)), `${rel} (installed with ${how})`).to.equal(true);
    }
  });

  it('compiles schemas with a fresh strict Ajv, loading $refs by $id from the package', () => {
    writeFileSync(join(app, 'validate.mjs'), consumerScript);
    const out = execFileSync(process.execPath, ['validate.mjs'], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal({
      webhookSample: true,
      webhookNumericAmount: false,
      paylocoSeed: true,
      paylocoSevenDigits: false,
    });
  });

  it('type-checks a consumer file that imports the types', () => {
    writeFileSync(join(app, 'check.ts'), consumerTypes);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          // No DOM and no checking of the standard library: only the consumer file and paycert's types matter.
          lib: ['ES2022'],
          skipDefaultLibCheck: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: [],
        },
        files: ['check.ts'],
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const res = spawnSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8' });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
  });
});
