import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { scenarioNames, scenarioOf } from '../../src/audit/scenarios.js';
import { runCli } from '../../test/cli/run-cli.js';
import { lesspayFaults, lesspayScenarioFaults, paylocoFaults, paylocoScenarioFaults } from './client.js';

// Issue 15, through the real binary: `paycert audit` passes the example client and fails each faulty variant on
// exactly its named client check, for both gateways; every client check is failed by some faulty client.

const client = fileURLToPath(new URL('./client.ts', import.meta.url));
type Gateway = 'lesspay' | 'payloco';
const FAULTS = { lesspay: lesspayFaults, payloco: paylocoFaults } as const;
/** Faults seen only under `--scenario`: fault → the scenario that shows them. */
const SCENARIO_FAULTS: Record<Gateway, Record<string, string>> = {
  lesspay: lesspayScenarioFaults,
  payloco: paylocoScenarioFaults,
};
/** What each fault fails, exactly: generated from the checks' killedBy (suites/client/<gw>.rules.ts). */
const EXPECTED: Record<Gateway, Record<string, string[]>> = JSON.parse(
  readFileSync(fileURLToPath(new URL('./faults.expected.json', import.meta.url)), 'utf8'),
);
/** Checks that run only under `--scenario`: those the scenario faults fail. */
const scenarioChecks = (gateway: Gateway) =>
  Object.keys(SCENARIO_FAULTS[gateway]).flatMap((fault) => EXPECTED[gateway][fault]!);
/**
 * What a scenario's run needs besides `--scenario`: a timeout scenario holds the answer 5 s and the client gets a
 * deadline shorter than that (its own default, 10 s, is what a real client has).
 */
const SCENARIO_SETUP: Record<string, { env?: NodeJS.ProcessEnv; flags?: string[] }> = {
  'create-timeout': { env: { MERCHANT_CLIENT_TIMEOUT_MS: '800' }, flags: ['--scenario-hold', '5000'] },
  'pay-timeout': { env: { MERCHANT_CLIENT_TIMEOUT_MS: '800' }, flags: ['--scenario-hold', '5000'] },
};
const scenarioRun = (scenario: string) => ({
  env: SCENARIO_SETUP[scenario]?.env ?? {},
  flags: SCENARIO_SETUP[scenario]?.flags ?? [],
});
const underScenario = (scenario: string, more: string[] = []): [NodeJS.ProcessEnv, string[]] => [
  SCENARIO_SETUP[scenario]?.env ?? {},
  ['--scenario', scenario, ...(SCENARIO_SETUP[scenario]?.flags ?? []), ...more],
];
/** Lesspay scenarios after a failure other than a 5xx, each with the check that judges the client's sequel. */
const LESSPAY_SEQUELS = {
  'duplicate-request-id': 'LPC-DUP-001',
  'create-timeout': 'LPC-RTY-003',
  'pending-then-success': 'LPC-PND-001',
  'invalid-signature': 'LPC-AUTH-003',
  'payout-rejected': 'LPC-REJ-001',
} as const;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  results: { verdict: string; checks: { id: string; status: string; message?: string }[] };
  raw: string;
}

/** A client that only sends one v2 pay (no payMode: paid at once, never pending), signed as P6 says. */
const PAY_V2_ONLY = `
const { readFileSync } = require('node:fs');
const { sign } = require('node:crypto');
const e = process.env;
const body = JSON.stringify({ charset: 'UTF-8', version: '2.0.0', signType: 'RSA', merchantId: e.PAYLOCO_MERCHANT_ID,
  requestTime: new Date().toISOString(), data: { merchantOrderId: 'V2' + Date.now(), totalAmount: '10.01', currency: 'USD' } });
const signature = sign('sha256', Buffer.from(body), readFileSync(e.PAYLOCO_PRIVATE_KEY, 'utf8')).toString('base64');
fetch(e.PAYLOCO_BASE_URL + '/v2/payments/open/api/pay', {
  method: 'POST', headers: { 'content-type': 'application/json', signature }, body });
`;

describe('examples · paycert audit judges the merchant client (LPC-*, PLC-*)', function () {
  this.timeout(240_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-audit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  async function audit(
    gateway: Gateway,
    fault?: string,
    env: NodeJS.ProcessEnv = {},
    flags: string[] = [],
  ): Promise<Outcome> {
    const reportDir = join(dir, `r${++n}`);
    const cmd = [process.execPath, '--import', 'tsx', client, gateway, ...(fault ? ['--fault', fault] : [])];
    const out = await runCli(
      ['audit', gateway, '--quiet', '--report-dir', reportDir, ...flags, '--', ...cmd],
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
      // Without --scenario, the checks that judge a scenario's sequel are left out of the run.
      const ids: string[] = catalogue.checks.map((c: { id: string }) => c.id);
      expect(out.results.checks.map((c) => c.id)).to.deep.equal(
        ids.filter((id) => !scenarioChecks(gateway).includes(id)),
      );
      // Every client check is failed by some fault: of the client, or (the response check, RSP, which judges the
      // gateway's answers) of a sandbox in proxy.spec.ts.
      expect(new Set(Object.values(EXPECTED[gateway]).flat())).to.deep.equal(new Set(ids));
    });

    it(`${gateway}: each faulty client fails exactly its expected checks (exit 1; --strict for SHOULD checks)`, async () => {
      const faults = FAULTS[gateway];
      const levels = new Map<string, string>(
        JSON.parse(
          readFileSync(
            fileURLToPath(new URL(`../../suites/client/catalogue/${gateway}.json`, import.meta.url)),
            'utf8',
          ),
        ).checks.map((c: { id: string; level: string }) => [c.id, c.level]),
      );
      const got: Record<string, string[]> = {};
      // Two at a time: each audit is a paycert process and a client process.
      for (let i = 0; i < faults.length; i += 2) {
        await Promise.all(
          faults.slice(i, i + 2).map(async (fault) => {
            const should = EXPECTED[gateway][fault]?.every((id) => levels.get(id) === 'SHOULD');
            const out = await audit(gateway, fault, {}, should ? ['--strict'] : []);
            expect(out.code, `${fault}: ${out.stderr}`).to.equal(1);
            got[fault] = out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id);
          }),
        );
      }
      expect(got).to.deep.equal(Object.fromEntries(faults.map((f) => [f, EXPECTED[gateway][f]])));
    });
  }

  describe('--scenario: the front answers one request with a failure; the checks judge what the client did next', () => {
    const rty = (out: Outcome) =>
      Object.fromEntries(out.results.checks.filter((c) => /-RTY-/.test(c.id)).map((c) => [c.id, c.status]));

    it('lesspay create-503-retry-after: the example client retries with the same request_id after the delay', async () => {
      const out = await audit('lesspay', undefined, {}, ['--scenario', 'create-503-retry-after']);
      expect(out.code, out.stderr).to.equal(0);
      expect(rty(out)).to.deep.equal({ 'LPC-RTY-001': 'passed', 'LPC-RTY-002': 'passed' });
      expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal([]);
    });

    it('lesspay create-500 on mock variant b: passes, and only LPC-RTY-001 runs', async () => {
      const out = await audit('lesspay', undefined, {}, ['--scenario', 'create-500', '--mock-variant', 'b']);
      expect(out.code, out.stderr).to.equal(0);
      expect(rty(out)).to.deep.equal({ 'LPC-RTY-001': 'passed' });
    });

    // The retry checks are SHOULD: they fail the verdict under --strict.
    it('payloco pay-503-retry-after: the example client retries with the same merchantOrderId after the delay', async () => {
      const out = await audit('payloco', undefined, {}, ['--scenario', 'pay-503-retry-after']);
      expect(out.code, out.stderr).to.equal(0);
      expect(rty(out)).to.deep.equal({ 'PLC-RTY-001': 'passed', 'PLC-RTY-002': 'passed' });
      expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal([]);
    });

    // The retry checks are SHOULD: they fail the verdict under --strict.
    for (const gateway of ['lesspay', 'payloco'] as const)
      for (const [fault, scenario] of Object.entries(SCENARIO_FAULTS[gateway]))
        it(`${gateway} ${scenario}: the faulty client ${fault} fails exactly ${EXPECTED[gateway][fault]} (--strict: exit 1)`, async () => {
          const out = await audit(gateway, fault, ...underScenario(scenario, ['--strict']));
          expect(out.code, out.stderr).to.equal(1);
          expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal(
            EXPECTED[gateway][fault],
          );
        });

    // Every Payloco scenario, on both conformant mock variants: the example client passes, and the scenario's own
    // checks ran and passed (not skipped).
    for (const scenario of scenarioNames('payloco'))
      it(`payloco ${scenario}: the example client passes on mock variants a and b, its checks passed`, async () => {
        const run = scenarioRun(scenario);
        const checks = scenarioOf('payloco', scenario)!.checks;
        await Promise.all(
          (['a', 'b'] as const).map(async (variant) => {
            const flags = ['--scenario', scenario, '--strict', '--mock-variant', variant, ...run.flags];
            const out = await audit('payloco', undefined, run.env, flags);
            expect(out.code, `${variant}: ${out.stderr}`).to.equal(0);
            const status = (id: string) => out.results.checks.find((c) => c.id === id)?.status;
            expect(checks.map(status), variant).to.deep.equal(checks.map(() => 'passed'));
            expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal(
              [],
            );
          }),
        );
      });

    it('payloco pay-timeout: a client with no deadline shorter than the hold fails PLC-RTY-003', async () => {
      const out = await audit('payloco', undefined, { MERCHANT_CLIENT_TIMEOUT_MS: '20000' }, [
        '--scenario',
        'pay-timeout',
        '--scenario-hold',
        '1500',
      ]);
      const check = out.results.checks.find((c) => c.id === 'PLC-RTY-003')!;
      expect(check.status).to.equal('failed');
      expect(check.message).to.match(/no client deadline shorter than the hold/);
    });

    it('payloco pending-then-success: a client whose pays are never pending is skipped, with the reason', async () => {
      const reportDir = join(dir, 'never-pending');
      // A v2 pay without payMode is paid at once (not an active QR): nothing is pending.
      const out = await runCli([
        'audit',
        'payloco',
        '--quiet',
        '--scenario',
        'pending-then-success',
        '--report-dir',
        reportDir,
        '--',
        process.execPath,
        '-e',
        PAY_V2_ONLY,
      ]);
      expect(out.code, out.stderr).to.be.oneOf([0, 1]);
      const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
      const check = results.checks.find((c: { id: string }) => c.id === 'PLC-PND-001');
      expect(check.status).to.equal('skipped');
      expect(check.message).to.match(/no pay was answered as pending/);
    });

    for (const [scenario, id] of Object.entries(LESSPAY_SEQUELS))
      it(`lesspay ${scenario}: the example client meets it and passes ${id} on mock variants a and b`, async () => {
        const outs = await Promise.all(
          (['a', 'b'] as const).map((v) =>
            audit('lesspay', undefined, ...underScenario(scenario, ['--mock-variant', v])),
          ),
        );
        for (const out of outs) {
          expect(out.code, out.stderr).to.equal(0);
          expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal([]);
          expect(out.results.checks.find((c) => c.id === id)?.status).to.equal('passed');
          // Only the selected scenario's checks run.
          const others = Object.values(LESSPAY_SEQUELS).filter((x) => x !== id);
          expect(out.results.checks.map((c) => c.id)).to.not.include.members(others);
        }
      });

    it('lesspay create-timeout: a client whose deadline is longer than the hold fails LPC-RTY-003, saying so', async () => {
      const out = await audit('lesspay', undefined, {}, [
        '--scenario',
        'create-timeout',
        '--scenario-hold',
        '1500',
      ]);
      const check = out.results.checks.find((c) => c.id === 'LPC-RTY-003')!;
      expect(check.status).to.equal('failed');
      expect(check.message).to.match(/no deadline shorter than --scenario-hold/);
      expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal([
        'LPC-RTY-003',
      ]);
    });

    it('a scenario that changes the mock is refused with --target (exit 2, one line); --scenario list names them all', async () => {
      const refused = await runCli([
        'audit',
        'lesspay',
        '--scenario',
        'payout-rejected',
        '--target',
        'http://127.0.0.1:9',
        '--',
        process.execPath,
        '-e',
        '0',
      ]);
      expect(refused.code).to.equal(2);
      expect(refused.stderr.trim()).to.match(/^paycert: scenario payout-rejected .* drop --target$/);
      const list = await runCli(['audit', 'lesspay', '--scenario', 'list']);
      expect(list.code).to.equal(0);
      for (const [scenario, id] of Object.entries(LESSPAY_SEQUELS))
        expect(list.stdout).to.match(new RegExp(`^${scenario}: .*\\(judged by ${id}\\)$`, 'm'));
    });

    // A client that never sends what a scenario answers or judges: its checks are skipped with the reason.
    for (const [scenario, id] of [
      ['create-500', 'LPC-RTY-001'],
      ['payout-rejected', 'LPC-REJ-001'],
    ] as const)
      it(`a client that never creates under ${scenario} leaves ${id} skipped, with the reason`, async () => {
        const reportDir = join(dir, `never-${scenario}`);
        const out = await runCli([
          'audit',
          'lesspay',
          '--quiet',
          '--scenario',
          scenario,
          '--report-dir',
          reportDir,
          '--',
          process.execPath,
          '-e',
          "fetch(process.env.LESSPAY_BASE_URL + '/api/global/payout/balance', { method: 'POST', body: '{}' })",
        ]);
        expect(out.code, out.stderr).to.be.oneOf([0, 1, 3]);
        const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
        const check = results.checks.find((c: { id: string }) => c.id === id);
        expect(check.status).to.equal('skipped');
        expect(check.message).to.match(
          new RegExp(`scenario ${scenario} was selected but the client never sent`),
        );
      });

    it('an unknown scenario is one line, exit 2, naming the valid ones', async () => {
      const out = await runCli(['audit', 'lesspay', '--scenario', 'nope', '--', process.execPath, '-e', '0']);
      expect(out.code).to.equal(2);
      expect(out.stderr.trim()).to.equal(
        'paycert: unknown scenario "nope" for lesspay: use create-500, create-503-retry-after, duplicate-request-id, create-timeout, pending-then-success, invalid-signature, payout-rejected',
      );
    });
  });

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
    // A client audit certifies no gateway endpoint: no gateway coverage grid, no coverage.json.
    expect(html).not.to.include('<h2>Coverage</h2>');
    expect(existsSync(join(dir, `r${n}`, 'coverage.json'))).to.equal(false);
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
    // Issue 21: no request is exit 2 whatever the command's own exit code (README), e.g. `audit lesspay -- false`.
    const failedIdle = await runCli([
      'audit',
      'lesspay',
      '--quiet',
      '--report-dir',
      join(dir, 'y2'),
      '--',
      process.execPath,
      '-e',
      'process.exit(1)',
    ]);
    expect(failedIdle.code).to.equal(2);
    expect(failedIdle.stderr).to.match(
      /^paycert: the command made no request to http:\/\/127\.0\.0\.1:\d+: does it read LESSPAY_BASE_URL\? \(the client command exited with code 1\)\n$/,
    );
    expect(JSON.parse(readFileSync(join(dir, 'y2', 'results.json'), 'utf8')).verdict).to.equal('error');
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
      // One request (so there is something to judge), then the command's own tests fail.
      "fetch(process.env.LESSPAY_BASE_URL + '/api/global/v1/pay/query-order', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).finally(() => process.exit(3))",
    ]);
    expect(out.code).to.equal(1);
    expect(out.stderr).to.match(/the client command exited with code 3/);
    const results = JSON.parse(readFileSync(join(dir, 'z', 'results.json'), 'utf8'));
    expect(results.gateways[0].warning).to.equal('the client command exited with code 3');
    expect(results.verdict).to.equal('not-certified');
  });
});
