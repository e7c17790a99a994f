import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { runCli } from '../../src/cli-tests/run-cli.js';
import { lesspayFaults, paylocoFaults } from './client.js';

// Issue 15, through the real binary: `paycert audit` passes the example client and fails each faulty variant on
// exactly its named client check, for both gateways; every client check is failed by some faulty client.

const client = fileURLToPath(new URL('./client.ts', import.meta.url));
const FAULTS = { lesspay: lesspayFaults, payloco: paylocoFaults } as const;
type Gateway = keyof typeof FAULTS;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  results: { verdict: string; checks: { id: string; status: string; message?: string }[] };
  raw: string;
}

describe('examples · paycert audit judges the merchant client (LPC-*, PLC-*)', function () {
  this.timeout(240_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-audit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  async function audit(gateway: Gateway, fault?: string, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
    const reportDir = join(dir, `r${++n}`);
    const cmd = [process.execPath, '--import', 'tsx', client, gateway, ...(fault ? ['--fault', fault] : [])];
    const out = await runCli(
      ['audit', gateway, '--quiet', '--report-dir', reportDir, '--', ...cmd],
      env,
      120_000,
    );
    const raw = readFileSync(join(reportDir, 'results.json'), 'utf8');
    return { ...out, results: JSON.parse(raw), raw };
  }

  for (const gateway of ['lesspay', 'payloco'] as const) {
    it(`${gateway}: the example client passes every client check (exit 0, certified)`, async () => {
      const out = await audit(gateway);
      expect(out.code, out.stderr).to.equal(0);
      expect(out.results.verdict).to.equal('certified');
      expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal([]);
      const catalogue = JSON.parse(
        readFileSync(
          fileURLToPath(new URL(`../../suites/client/catalogue/${gateway}.json`, import.meta.url)),
          'utf8',
        ),
      );
      expect(out.results.checks.map((c) => c.id)).to.deep.equal(
        catalogue.checks.map((c: { id: string }) => c.id),
      );
      // Every client check is failed by some faulty variant; the response check (RSP) judges the gateway's answers
      // and is failed by faulty sandboxes in proxy.spec.ts.
      const ids = catalogue.checks.map((c: { id: string }) => c.id);
      expect(new Set(Object.values(FAULTS[gateway]))).to.deep.equal(
        new Set(ids.filter((id: string) => !/-RSP-/.test(id))),
      );
    });

    it(`${gateway}: each faulty client fails exactly its named check (exit 1)`, async () => {
      const faults = Object.entries(FAULTS[gateway]);
      const got: Record<string, string[]> = {};
      // Two at a time: each audit is a paycert process and a client process.
      for (let i = 0; i < faults.length; i += 2) {
        await Promise.all(
          faults.slice(i, i + 2).map(async ([fault]) => {
            const out = await audit(gateway, fault);
            expect(out.code, `${fault}: ${out.stderr}`).to.equal(1);
            got[fault] = out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id);
          }),
        );
      }
      expect(got).to.deep.equal(Object.fromEntries(faults.map(([f, id]) => [f, [id]])));
    });
  }

  it('lesspay: credentials already in the environment are the ones the mock accepts; no secret leaks', async () => {
    const secret = 'integrator-own-secret-7f3a9c';
    const out = await audit('lesspay', 'unsorted-keys', {
      LESSPAY_APP_ID: 'my_app_42',
      LESSPAY_APP_SECRET: secret,
    });
    expect(out.code).to.equal(1);
    const sig = out.results.checks.find((c) => c.id === 'LPC-SIG-001')!;
    expect(sig.status).to.equal('failed');
    expect(sig.message).to.match(/not sorted by ASCII/);
    expect(sig.message).to.match(/stringToSign/);
    // Only the signature broke: the mock accepted the given app id (the other checks saw successful answers).
    expect(out.results.checks.filter((c) => c.status === 'failed').map((c) => c.id)).to.deep.equal([
      'LPC-SIG-001',
    ]);
    for (const text of [out.raw, out.stdout, out.stderr]) expect(text).not.to.include(secret);
    const html = readFileSync(join(dir, `r${n}`, 'index.html'), 'utf8');
    const junit = readFileSync(join(dir, `r${n}`, 'junit.xml'), 'utf8');
    expect(html).not.to.include(secret);
    expect(junit).not.to.include(secret);
  });

  it('a command that cannot start is exit 2 with one line; a command that makes no request is exit 2', async () => {
    const missing = await runCli([
      'audit',
      'lesspay',
      '--report-dir',
      join(dir, 'x'),
      '--',
      'no-such-command-xyz',
    ]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr.trim()).to.equal('paycert: cannot run no-such-command-xyz: no such command');
    const idle = await runCli([
      'audit',
      'payloco',
      '--quiet',
      '--report-dir',
      join(dir, 'y'),
      '--',
      process.execPath,
      '-e',
      '0',
    ]);
    expect(idle.code).to.equal(2);
    expect(idle.stderr).to.match(/made no request .*PAYLOCO_BASE_URL/);
  });

  it('a command that fails makes the audit fail (exit 1), and the report says why', async () => {
    const out = await runCli([
      'audit',
      'lesspay',
      '--quiet',
      '--report-dir',
      join(dir, 'z'),
      '--',
      process.execPath,
      '-e',
      'process.exit(3)',
    ]);
    expect(out.code).to.equal(1);
    expect(out.stderr).to.match(/the client command exited with code 3/);
    const results = JSON.parse(readFileSync(join(dir, 'z', 'results.json'), 'utf8'));
    expect(results.gateways[0].warning).to.equal('the client command exited with code 3');
    expect(results.verdict).to.equal('not-certified');
  });
});
