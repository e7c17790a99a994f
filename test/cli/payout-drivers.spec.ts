import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { shellQuote } from '../../src/core/shell.js';
import { mockModule, type RunningMock } from '../../src/engine/embedded.js';
import { cliArgs, runCli } from './run-cli.js';

// Issue 22: payouts that wait for a person. A sandbox whose payouts stay PENDING_CONFIRM until its operations team
// approves them gets the payout webhook checks judged through --payout-driver, or declares "payout-manual-review"
// and has them not applicable with that reason; neither hides another check's failure.

const dir = mkdtempSync(join(tmpdir(), 'paycert-payout-drivers-'));
const approveScript = fileURLToPath(new URL('../../examples/drivers/approve-payout.mjs', import.meta.url));
const PAYOUT_WEBHOOK_CHECKS = ['LP-WH-007', 'LP-WH-008', 'LP-WH-009'];
let n = 0;

/** The Lesspay mock as a remote sandbox whose payouts wait for a person's review. */
async function reviewedSandbox(
  fault?: string,
  variant = 'a',
): Promise<{ mock: RunningMock; env: NodeJS.ProcessEnv }> {
  const mod = await mockModule('lesspay');
  const mock = await mod.start({
    host: '127.0.0.1',
    port: 0,
    fault,
    variant,
    payoutReview: 'manual',
    webhookRetryDelaysMs: [50, 100, 200],
  });
  const env = { LESSPAY_APP_ID: mock.credentials.appId, LESSPAY_APP_SECRET: mock.credentials.appSecret };
  return { mock, env };
}

async function run(target: { mock: RunningMock; env: NodeJS.ProcessEnv }, extra: string[]) {
  const reportDir = join(dir, `r${n++}`);
  const out = await runCli(
    [
      'run',
      'lesspay',
      // Every check's line, passes too: the assertions read them.
      '--verbose',
      '--base-url',
      target.mock.url,
      '--only',
      'LP-WH-*',
      '--webhook-wait',
      '3000',
      '--report-dir',
      reportDir,
      ...extra,
    ],
    target.env,
    90_000,
  );
  const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
  const byId = (id: string) => results.checks.find((c) => c.id === id)!;
  return { ...out, results, byId };
}

function capabilities(list: string[]): string {
  const file = join(dir, `caps${n++}.json`);
  writeFileSync(file, JSON.stringify({ lesspay: list }));
  return file;
}

describe('paycert run · payouts that wait for a person (--payout-driver, payout-manual-review)', function () {
  this.timeout(120_000);

  it('without a driver or the capability, the held payout leaves the payout webhook checks not judged, with what to give', async () => {
    const target = await reviewedSandbox();
    try {
      const out = await run(target, []);
      expect(out.code, out.stderr).to.equal(1);
      expect(out.results.verdict).to.equal('incomplete');
      for (const id of PAYOUT_WEBHOOK_CHECKS) {
        expect(out.byId(id)).to.include({ status: 'skipped' });
        expect(out.byId(id).notApplicable ?? false).to.equal(false);
        expect(out.byId(id).message).to.match(
          /still "PENDING_CONFIRM".*give --payout-driver manual or command:CMD, or declare the "payout-manual-review" capability/,
        );
      }
    } finally {
      await target.mock.close();
    }
  });

  // Variant b reports statuses as integers (PENDING_CONFIRM is 0): the review is told from the query either way.
  for (const variant of ['a', 'b'])
    it(`--payout-driver command:CMD runs the script with the payout in its environment; it approves and the payout webhook checks pass (variant ${variant})`, async () => {
      const target = await reviewedSandbox(undefined, variant);
      try {
        const out = await run(target, ['--payout-driver', `command:node ${approveScript}`]);
        expect(out.stdout).to.match(/^PASS {2}LP-WH-007 +MUST /m);
        for (const id of PAYOUT_WEBHOOK_CHECKS) {
          expect(out.byId(id).status, out.byId(id).message).to.equal('passed');
          expect(out.byId(id).message).to.match(
            /payout approved by the command:node \S+approve-payout\.mjs payout driver: the command exited 0 after \d+ ms: approved payout \S+: now PENDING_PAY/,
          );
        }
        expect(out.results.payoutDriver).to.equal(`command:node ${approveScript}`);
        expect(out.results.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).to.deep.equal([]);
      } finally {
        await target.mock.close();
      }
    });

  it('a command that cannot approve (exit 1) leaves the checks not judged, naming the driver and its last line', async () => {
    const target = await reviewedSandbox();
    try {
      const out = await run(target, ['--payout-driver', 'command:echo "the admin API said no" && exit 1']);
      expect(out.code, out.stderr).to.equal(1);
      expect(out.byId('LP-WH-008')).to.include({ status: 'skipped' });
      expect(out.byId('LP-WH-008').message).to.match(
        /^the command:echo "the admin API said no" && exit 1 payout driver could not approve the payout: the command exited 1 after \d+ ms: the admin API said no/,
      );
    } finally {
      await target.mock.close();
    }
  });

  it('the payout-manual-review capability makes the payout webhook checks not applicable with that reason, and hides no other failure', async () => {
    const target = await reviewedSandbox('webhook-bad-signature');
    try {
      const caps = capabilities(['payin', 'payout', 'webhooks', 'payout-manual-review']);
      const out = await run(target, ['--capabilities', caps]);
      for (const id of PAYOUT_WEBHOOK_CHECKS) {
        expect(out.byId(id)).to.include({ status: 'skipped', notApplicable: true });
        expect(out.byId(id).message).to.equal(
          'not applicable: the target declares "payout-manual-review" (its payouts wait for a person\'s review) and no --payout-driver approves them',
        );
      }
      expect(out.stdout).to.match(
        /^SKIP {2}LP-WH-008 +MUST .* — not applicable: the target declares "payout-manual-review"/m,
      );
      // The pay-in callbacks are still judged: the fault's bad signature fails them, and the verdict says so.
      expect(out.byId('LP-WH-003').status).to.equal('failed');
      expect(out.byId('LP-WH-004').status).to.equal('failed');
      expect(out.code, out.stderr).to.equal(1);
      expect(out.results.verdict).to.equal('not-certified');
    } finally {
      await target.mock.close();
    }
  });

  it('with the capability and a payout driver, the driver wins: the payout webhook checks are judged', async () => {
    const target = await reviewedSandbox();
    try {
      const caps = capabilities(['payin', 'payout', 'webhooks', 'payout-manual-review']);
      const out = await run(target, [
        '--capabilities',
        caps,
        '--payout-driver',
        `command:node ${approveScript}`,
      ]);
      for (const id of PAYOUT_WEBHOOK_CHECKS)
        expect(out.byId(id).status, out.byId(id).message).to.equal('passed');
    } finally {
      await target.mock.close();
    }
  });

  it("the README's Lesspay sandbox example (its capabilities file) certifies a sandbox whose payouts wait for review, without --allow-incomplete", async () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const declared = /^echo '(\{"lesspay": .*\})' > lesspay-capabilities\.json$/m.exec(readme);
    expect(declared, 'the README example writes lesspay-capabilities.json').to.not.equal(null);
    expect(readme).to.include('--capabilities lesspay-capabilities.json');
    const file = join(dir, `caps${n++}.json`);
    writeFileSync(file, declared![1]!);
    const target = await reviewedSandbox();
    try {
      const reportDir = join(dir, `r${n++}`);
      const out = await runCli(
        [
          'run',
          'lesspay',
          '--base-url',
          target.mock.url,
          '--capabilities',
          file,
          '--webhook-wait',
          '3000',
          '--quiet',
          '--report-dir',
          reportDir,
        ],
        target.env,
        150_000,
      );
      const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
      const notPassed = results.checks.filter((c) => c.status !== 'passed');
      expect(notPassed.map((c) => `${c.id} ${c.status} ${c.notApplicable ?? false}`)).to.deep.equal(
        PAYOUT_WEBHOOK_CHECKS.map((id) => `${id} skipped true`),
      );
      expect(out.code, out.stdout + out.stderr).to.equal(0);
      expect(results.verdict).to.equal('certified');
      expect(results.allowIncomplete).to.equal(undefined);
    } finally {
      await target.mock.close();
    }
  });

  it('--payout-driver manual at a terminal: the console names the payout and waits; approved in the "dashboard" and Enter, the checks pass', async () => {
    const target = await reviewedSandbox();
    try {
      const reportDir = join(dir, `r${n++}`);
      const args = [...cliArgs, 'run', 'lesspay', '--base-url', target.mock.url, '--only', 'LP-WH-*'];
      const line = [
        process.execPath,
        ...args,
        '--webhook-wait',
        '8000',
        '--payout-driver',
        'manual',
        '--report-dir',
        reportDir,
      ];
      // util-linux `script` gives the run a terminal, as a person's shell would.
      const child = spawn('script', ['-qefc', line.map(shellQuote).join(' '), '/dev/null'], {
        env: { ...process.env, ...target.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let screen = '';
      let approved = false;
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.stdout.on('data', async (chunk) => {
        screen += chunk;
        const asked = /approve this lesspay payout in the merchant dashboard \(request_id (\S+), /.exec(
          screen,
        );
        if (asked && !approved && screen.includes('paycert: then press Enter here')) {
          approved = true;
          // The person approves the payout in the dashboard (the mock's admin endpoint), then presses Enter.
          const res = await fetch(`${target.mock.url}/_sandbox/payout/approve`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ request_id: asked[1] }),
          });
          expect(res.status).to.equal(200);
          child.stdin.write('\r');
        }
      });
      const code = await exited;
      clearTimeout(killer);
      expect(approved, screen).to.equal(true);
      expect(code, screen).to.equal(0);
      const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
      expect(results.payoutDriver).to.equal('manual');
      for (const id of PAYOUT_WEBHOOK_CHECKS) {
        const c = results.checks.find((x) => x.id === id)!;
        expect(c.status, c.message).to.equal('passed');
        expect(c.message).to.match(
          /payout approved by the manual payout driver: a person was asked to approve payout request_id \S+(, pay_order_id \S+)?; (the person said it was approved|the payout left its review) after [\d.]+ s/,
        );
      }
    } finally {
      await target.mock.close();
    }
  });

  it('--payout-driver manual with stdin not a terminal is refused at once: one line, exit 2', async () => {
    const out = await runCli(['run', 'lesspay', '--payout-driver', 'manual', '--only', 'LP-WH-007']);
    expect(out.code).to.equal(2);
    expect(out.stderr.trim().split('\n')).to.have.length(1);
    expect(out.stderr).to.include(
      '--payout-driver manual waits for Enter on a terminal, but stdin is not one: use --payout-driver command:CMD, or declare the "payout-manual-review" capability',
    );
    expect(out.stdout).to.equal('');
  });

  it('an unknown --payout-driver is one line, exit 2', async () => {
    const out = await runCli(['run', 'lesspay', '--payout-driver', 'browser:x.json']);
    expect(out.code).to.equal(2);
    expect(out.stderr.trim()).to.match(
      /--payout-driver "browser:x\.json" is not a payout driver: use manual or command:CMD$/,
    );
    expect(out.stderr.trim().split('\n')).to.have.length(1);
  });
});
