import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { cliArgs, runCli } from '../../test/cli/run-cli.js';
import type { Results } from '../core/results.js';
import { chromiumPath, loadPlaywright } from './browser.js';

// Each payment driver end to end, through the real binary against the bundled mocks: the lifecycle checks run (not
// skip) and pass, and the report names the driver and says how each payment was completed.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const examples = join(repo, 'examples', 'drivers');
const dir = mkdtempSync(join(tmpdir(), 'paycert-drivers-'));
let n = 0;

// The checks whose payment a driver completes: pay-in callbacks and the paid-order query and code checks.
const LIFECYCLE = [
  'LP-WH-001',
  'LP-WH-004',
  'LP-WH-005',
  'PL-WH-001',
  'PL-WH-003',
  'PL-QRY-009',
  'PL-CODE-001',
];
const ONLY = ['--only', LIFECYCLE.join(',')];

function results(reportDir: string): Results {
  return JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
}

async function run(args: string[]) {
  const reportDir = join(dir, `r${n++}`);
  const out = await runCli(['run', 'all', '--quiet', '--report-dir', reportDir, ...args]);
  expect(out.stderr + out.stdout).not.to.match(/\n\s+at /);
  return { ...out, results: existsSync(join(reportDir, 'results.json')) ? results(reportDir) : undefined };
}

const byId = (r: Results | undefined) => Object.fromEntries((r?.checks ?? []).map((c) => [c.id, c]));

function expectDriven(r: Results | undefined, driver: string, how: RegExp): void {
  expect(r?.driver).to.equal(driver);
  const checks = byId(r);
  for (const id of LIFECYCLE) {
    expect(checks[id]?.status, `${id}: ${checks[id]?.message}`).to.equal('passed');
    expect(checks[id]?.message, id).to.include(`by the ${driver} driver`).and.match(how);
  }
}

describe('payment drivers end to end', function () {
  this.timeout(120_000);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('form: a driver file pays the select-shaped pages of variant c, copying their tokens', async () => {
    const file = join(examples, 'mocks-select.form.json');
    const out = await run(['--mock-variant', 'c', '--driver', `form:${file}`, ...ONLY]);
    expect(out.code, out.stderr).to.equal(0);
    expectDriven(
      out.results,
      `form:${file}`,
      /POST http:\/\/127\.0\.0\.1:\d+\/\S+ with (token|nonce)=\S+&(sim_result=1|ergebnis=00)/,
    );
  });

  it('command: the team script gets the page URL and ids in its environment', async () => {
    const cmd = `node ${join(repo, 'test/fixtures/pay-mock-page.mjs')}`;
    const out = await run(['--driver', `command:${cmd}`, ...ONLY]);
    expect(out.code, out.stderr).to.equal(0);
    expectDriven(
      out.results,
      `command:${cmd}`,
      /the command exited 0 after \d+ ms: paid PC\w+ with outcome=(succeed|pay)/,
    );
  });

  it('command: a script that cannot pay skips the lifecycle checks with its last line', async () => {
    const script = join(dir, 'no-access.sh');
    writeFileSync(
      script,
      'echo "checking $PAYCERT_URL"\necho "no access to the sandbox back office" >&2\nexit 3\n',
    );
    const out = await run(['--driver', `command:sh ${script}`, '--only', 'LP-WH-001,PL-QRY-009']);
    const checks = byId(out.results);
    for (const id of ['LP-WH-001', 'PL-QRY-009']) {
      expect(checks[id].status).to.equal('skipped');
      expect(checks[id].message).to.match(
        /the command exited 3 after \d+ ms: no access to the sandbox back office/,
      );
    }
  });

  it('browser: Chromium plays the file steps on the script-only pages of variant e', async () => {
    // CI installs Debian's chromium (.ci/run); without it this test fails rather than skips.
    expect(existsSync(chromiumPath()), `a Chromium at ${chromiumPath()}`).to.equal(true);
    const file = join(examples, 'mocks.browser.json');
    const out = await run(['--mock-variant', 'e', '--driver', `browser:${file}`, ...ONLY]);
    expect(out.code, out.stderr).to.equal(0);
    expectDriven(
      out.results,
      `browser:${file}`,
      /^(?=.*page sent POST \S+ → HTTP 200)(?=.*click "text=(Pay now|Approve)").*in Chromium in \d+ ms: opened /,
    );
  });

  it('auto: on variant e (script only) the lifecycle checks skip and say a browser is needed', async () => {
    const out = await run(['--mock-variant', 'e', ...ONLY]);
    const checks = byId(out.results);
    for (const id of LIFECYCLE) {
      expect(checks[id].status, id).to.equal('skipped');
      expect(checks[id].message).to.match(
        /the auto driver could not finish the payment: .*may need a browser \(--driver browser:FILE\)/,
      );
    }
  });

  it('manual: a scripted person opens each printed URL, pays and says so; the run waits with a countdown', async () => {
    const reportDir = join(dir, `r${n++}`);
    const child = spawn(
      process.execPath,
      [
        ...cliArgs,
        'run',
        'all',
        '--quiet',
        '--report-dir',
        reportDir,
        '--driver',
        'manual',
        '--webhook-wait',
        '20000',
        ...ONLY,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    const paid: Promise<number>[] = [];
    // The person: reads the printed URL, opens the page and presses the page's pay button, a few seconds later.
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const m of chunk.toString().matchAll(/PAYCERT-OPEN success (\S+)/g)) {
        paid.push(
          new Promise((r) => setTimeout(r, 1200)).then(async () => {
            const page = await (await fetch(m[1])).text();
            const value = /name="outcome" value="(succeed|pay)"/.exec(page)?.[1];
            const res = await fetch(m[1], {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: `outcome=${value}`,
              redirect: 'manual',
            });
            // Then tells paycert, at its terminal, which page is done.
            child.stdin.write(`${m[1]}\n`);
            return res.status;
          }),
        );
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).to.equal(0);
    // Two Lesspay pay-ins (V1, V2) and two Payloco QR orders (the webhook one and the paid-query one).
    expect(await Promise.all(paid))
      .to.have.length(4)
      .and.satisfy((s: number[]) => s.every((x) => x < 400));
    expect(stderr).to.match(/action needed: open this lesspay payment page and pay it/);
    expect(stderr).to.match(/waiting for you to pay it \(.*\): \d+ s left/);
    // Payloco's scan page comes with a terminal QR code a test wallet can scan.
    expect(stderr).to.match(/[▀▄█]{10}/);
    expectDriven(
      results(reportDir),
      'manual',
      /a person was asked to pay it at http:\/\/127\.0\.0\.1:\d+\/\S+; the (person said it was done|order was final) after [\d.]+ s/,
    );
  });

  it('manual: nobody acts, so the lifecycle checks skip when --webhook-wait runs out', async () => {
    const out = await run(['--driver', 'manual', '--webhook-wait', '1500', '--only', 'LP-WH-004']);
    expect(byId(out.results)['LP-WH-004'].message).to.match(
      /nobody finished the payment at \S+ within 1500 ms/,
    );
    expect(out.stderr).to.match(/PAYCERT-OPEN success http/);
  });

  it('without playwright-core the browser driver says how to install it', async () => {
    let message = '';
    await loadPlaywright('--driver browser:x.json', 'playwright-core-not-installed').catch((err) => {
      message = `${err.name}: ${err.message}`;
    });
    expect(message).to.equal(
      'UsageError: --driver browser:x.json needs playwright-core, which is not installed: npm i playwright-core',
    );
  });

  it('a bad driver spec or driver file is one line on stderr and exit 2', async () => {
    const notDriver = join(dir, 'not-a-driver.json');
    writeFileSync(
      notDriver,
      JSON.stringify({
        driver: 'form',
        pages: [{ match: '(', submit: { fields: { success: { a: 'b' } } } }],
      }),
    );
    const wrongKind = join(examples, 'mocks.browser.json');
    const cases: [string, RegExp][] = [
      [
        'selenium',
        /--driver "selenium" is not a driver: use auto, form:FILE, browser:FILE, command:CMD or manual/,
      ],
      ['form:', /needs a file after "form:"/],
      ['command:', /needs a command after "command:"/],
      [`form:${join(dir, 'missing.json')}`, /cannot read .*missing\.json: ENOENT/],
      [`form:${join(repo, 'package.json')}`, /package\.json is not a driver file/],
      [`form:${wrongKind}`, /is a "browser" driver file; use --driver browser:/],
      [`form:${notDriver}`, /match "\(" is not a regular expression/],
    ];
    for (const [spec, message] of cases) {
      const out = await runCli(['run', 'lesspay', '--driver', spec, '--report-dir', join(dir, 'bad')]);
      expect(out.code, spec).to.equal(2);
      expect(out.stderr.trim().split('\n'), spec).to.have.length(1);
      expect(out.stderr, spec).to.match(message);
    }
  });
});
