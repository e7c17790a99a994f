import '../../src/generate/register.js';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { catalogue } from '../../src/engine/catalogue.js';
import { type RemoteMock, startRemoteMock } from './mock-target.js';
import { runCli } from './run-cli.js';

// Issue 16: a tester's mistake is exit 2 with a hint, found before the checks run, never a gateway failure.

const dir = mkdtempSync(join(tmpdir(), 'paycert-mistakes-'));
let n = 0;
const foreignKey = join(dir, 'foreign.pem');
writeFileSync(
  foreignKey,
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
);

describe('paycert run · tester mistakes are exit 2 with a hint', function () {
  this.timeout(60_000);
  let lesspay: RemoteMock;
  let payloco: RemoteMock;
  before(async () => {
    lesspay = await startRemoteMock('lesspay');
    payloco = await startRemoteMock('payloco');
  });
  after(async () => {
    await lesspay.mock.close();
    await payloco.mock.close();
  });

  const run = (gateway: string, target: RemoteMock, env: NodeJS.ProcessEnv, extra: string[] = []) =>
    runCli(
      ['run', gateway, '--quiet', '--base-url', target.url, '--report-dir', join(dir, `r${n++}`), ...extra],
      { ...target.env, ...env },
    );

  it('Lesspay: a secret the target refuses stops before the checks', async () => {
    const out = await run('lesspay', lesspay, { LESSPAY_APP_SECRET: 'not-the-secret' });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      "paycert: the target answered HTTP 401 to a request signed as the docs say, and refused the same request signed with each of 6 common signing mistakes: check LESSPAY_APP_ID and LESSPAY_APP_SECRET (if they are right, the target's signature check is at fault)\n",
    );
    // No check ran, so no seed line either: the gateway's verdict comes first.
    expect(out.stdout).to.match(/^\nlesspay: ERROR — not judged — http:\/\/127\.0\.0\.1:\d+\n/);
  });

  it('Payloco: a private key the target does not know stops before the checks (not 3 failed, 31 error)', async () => {
    const out = await run('payloco', payloco, { PAYLOCO_PRIVATE_KEY: foreignKey });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      "paycert: the target answered a request signed as the docs say exactly as one with a wrong signature (HTTP 200, code 11000001), and refused the same request signed with each of 5 common signing mistakes: check PAYLOCO_MERCHANT_ID and PAYLOCO_PRIVATE_KEY (if they are right, the target's signature check is at fault)\n",
    );
  });

  it('Payloco: a merchant id the target does not know stops before the checks', async () => {
    const out = await run('payloco', payloco, { PAYLOCO_MERCHANT_ID: '2001000000009999' });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(
      /^paycert: the target answered a request signed as the docs say exactly as one with a wrong signature \(HTTP 200, code \d+\), and refused the same request signed with each of 5 common signing mistakes: check PAYLOCO_MERCHANT_ID and PAYLOCO_PRIVATE_KEY/,
    );
  });

  it('a request budget too small for the selection is refused before the run (not 94 errors and NOT-CERTIFIED)', async () => {
    const out = await run('lesspay', lesspay, {}, ['--max-requests', '5']);
    expect(out.code).to.equal(2);
    expect(out.stdout).to.equal('');
    // Every catalogued Lesspay check is selected, the generated ones included; one more request is the smoke test.
    const selected = catalogue('lesspay').checks.length;
    expect(out.stderr).to.equal(
      `paycert: --max-requests 5 is too small for the ${selected} selected checks (each sends at least one request; at least ${selected + 1} needed): raise it or narrow --only\n`,
    );
  });

  it('a request budget that runs out during the run is exit 2 with the hint, not a verdict', async () => {
    // Enough for one request per selected check (the preflight passes), too few for the run (some checks send more).
    const budget = catalogue('lesspay').checks.length + 11;
    const out = await run('lesspay', lesspay, {}, ['--max-requests', String(budget)]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(
      new RegExp(
        `^paycert: the request budget \\(--max-requests ${budget}\\) ran out: \\d+ checks could not run; raise --max-requests\n$`,
      ),
    );
  });
});

describe('paycert run · a webhook public URL that does not reach the receiver', function () {
  this.timeout(60_000);
  let lesspay: RemoteMock;
  let closedUrl = '';
  before(async () => {
    lesspay = await startRemoteMock('lesspay');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
  });
  after(() => lesspay.mock.close());

  it('is found by a self-probe before the checks: exit 2, one line (not 9 failed webhook checks)', async () => {
    const out = await runCli(
      [
        'run',
        'lesspay',
        '--quiet',
        '--base-url',
        lesspay.url,
        '--webhook-public-url',
        closedUrl,
        '--report-dir',
        join(dir, 'wh'),
      ],
      lesspay.env,
    );
    expect(out.code).to.equal(2);
    expect(out.stdout).to.equal('');
    expect(out.stderr).to.match(
      /^paycert: --webhook-public-url http:\/\/127\.0\.0\.1:\d+ does not reach the webhook receiver listening on http:\/\/127\.0\.0\.1:\d+: connection refused .*\(does the tunnel forward to --webhook-listen\?\)\n$/,
    );
  });
});
