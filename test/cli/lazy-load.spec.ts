import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { cliArgs } from './run-cli.js';

// A command loads what it needs when it runs (issue 26): a narrow run imports only the probe files that declare a
// selected check, help reads the gateways' cards and loads no gateway's modules, and `--version` loads no gateway.
// Seen from outside, as the modules the process loads: a loader hook (module.register, Node 20.6+) writes the URL of
// every module it loads to a file.

const dir = mkdtempSync(join(tmpdir(), 'paycert-lazy-'));
const hooks = join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.PAYCERT_LOADED_LOG, url + '\\n');
  return next(url, context);
}
`,
);
const register = join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);

let n = 0;

/** Runs paycert and returns its exit code and the modules it loaded. */
function loaded(args: string[]): { code: number | null; stderr: string; modules: string[] } {
  const log = join(dir, `loaded-${n++}.txt`);
  writeFileSync(log, '');
  const out = spawnSync(process.execPath, ['--import', register, ...cliArgs, ...args], {
    env: { ...process.env, PAYCERT_LOADED_LOG: log },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    code: out.status,
    stderr: out.stderr,
    modules: readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}

// Rooms of src/ a run of one envelope check executes nothing from: payment and payout drivers, Pact, the typed
// example clients, the client audit and the webhook-handler kit.
const UNNEEDED_BY_ONE_ENVELOPE_CHECK = /\/src\/(drivers|pact|clients|audit|webhooks)\//;

const probeFilesIn = (modules: string[]) =>
  modules
    .flatMap((url) => /\/suites\/probes\/lesspay\/([^/]+\.probe)\.[cm]?[jt]s$/.exec(url)?.[1] ?? [])
    .sort();

/** The probe files the record of the call sites (suites/catalogue/sources/lesspay.json) says declare a matching ID. */
function declaring(pattern: RegExp): string[] {
  const record = JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../suites/catalogue/sources/lesspay.json', import.meta.url)),
      'utf8',
    ),
  ) as { files: Record<string, string[]> };
  return Object.entries(record.files)
    .filter(([, ids]) => ids.some((id) => pattern.test(id)))
    .map(([file]) => file)
    .sort();
}

describe('paycert loads what a command needs', function () {
  this.timeout(120_000);

  it('a run with --only imports only the probe file that declares the check', () => {
    const out = loaded([
      'run',
      'lesspay',
      '--only',
      'LP-ENV-001',
      '--quiet',
      '--report-dir',
      join(dir, 'r1'),
    ]);
    expect(out.code, out.stderr).to.equal(0);
    expect(probeFilesIn(out.modules)).to.deep.equal(['envelope.probe']);
    // The probe file imports what it uses from the modules defining it, not the package entry (which pulls in every
    // room), and the run opens a driver only when --driver or --payout-driver asks for one.
    expect(out.modules.filter((url) => /\/src\/index\.[cm]?[jt]s$/.test(url))).to.deep.equal([]);
    expect(out.modules.filter((url) => UNNEEDED_BY_ONE_ENVELOPE_CHECK.test(url))).to.deep.equal([]);
  });

  it('a run of generated checks with --skip imports only the files declaring what is left', () => {
    const out = loaded([
      'run',
      'lesspay',
      '--only',
      'LP-GEN-QO-*',
      '--skip',
      'LP-GEN-QO-*-TYPE',
      '--quiet',
      '--report-dir',
      join(dir, 'r2'),
    ]);
    expect(out.code, out.stderr).to.equal(0);
    const expected = declaring(/^LP-GEN-QO-(?!.*-TYPE$)/);
    expect(expected).to.not.be.empty;
    expect(probeFilesIn(out.modules)).to.deep.equal(expected);
  });

  for (const args of [['--help'], ['run', '--help'], ['webhook-test', '--help']]) {
    it(`${args.join(' ')} reads the gateways' cards only: no gateway model, mock or probe file`, () => {
      const out = loaded(args);
      expect(out.code, out.stderr).to.equal(0);
      const gatewayModules = out.modules.filter((url) => /\/(gateways|suites|mocks)\//.test(url));
      expect(gatewayModules).to.not.be.empty;
      expect(
        gatewayModules.filter((url) => !/\/gateways\/(cards|[a-z]+\/card)\.[cm]?[jt]s$/.test(url)),
      ).to.deep.equal([]);
    });
  }

  it('--version loads no gateway and no probe file', () => {
    const out = loaded(['--version']);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.modules.filter((url) => /\/(gateways|suites|mocks)\//.test(url))).to.deep.equal([]);
  });
});
