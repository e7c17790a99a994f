import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { type RemoteMock, startRemoteMock } from './mock-target.js';
import { runCli } from './run-cli.js';

// Issue 23: every misleading message met by a new user gets the right one-line hint (exit 2), through the binary.

const dir = mkdtempSync(join(tmpdir(), 'paycert-messages-'));
let n = 0;
const reportDir = () => join(dir, `r${n++}`);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

let closedUrl = '';
let payloco: RemoteMock;
before(async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));
  payloco = await startRemoteMock('payloco');
});
after(async () => {
  await payloco.mock.close();
});

/** One line on stderr, exit 2, nothing like a stack trace. */
function oneLine(out: { code: number | null; stderr: string }, line: string) {
  expect(out.code, out.stderr).to.equal(2);
  expect(out.stderr).to.equal(`paycert: ${line}\n`);
}

describe('messages that say what to fix (issue 23)', function () {
  this.timeout(60_000);

  it('--base-url without a scheme names the scheme to add', async () => {
    const out = await runCli([
      'run',
      'lesspay',
      '--base-url',
      'localhost:18080',
      '--report-dir',
      reportDir(),
    ]);
    oneLine(out, '--base-url needs a scheme: http://localhost:18080 (or https://localhost:18080)');
  });

  it('a base64 key in PAYLOCO_PRIVATE_KEY is named as a key without its PEM lines, not a missing file', async () => {
    const pem = readFileSync(payloco.env.PAYLOCO_PRIVATE_KEY!, 'utf8');
    const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const out = await runCli(['run', 'payloco', '--base-url', payloco.url, '--report-dir', reportDir()], {
      ...payloco.env,
      PAYLOCO_PRIVATE_KEY: body,
    });
    oneLine(
      out,
      'PAYLOCO_PRIVATE_KEY holds a base64 key without its PEM lines, not a file path: give the path of the PEM file, or the PEM itself with its -----BEGIN …----- and -----END …----- lines',
    );
    expect(out.stderr).not.to.include(body.slice(0, 20));
  });

  it('an encrypted PKCS#8 key says it is encrypted and how to decrypt it (as a file and as PEM text)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const line =
      'PAYLOCO_PRIVATE_KEY is an encrypted private key (a passphrase protects it): paycert needs it unencrypted; decrypt a copy with `openssl pkcs8 -in key.pem -out plain.pem` and keep that copy secret';
    for (const value of [file('encrypted.pem', privateKey), privateKey]) {
      const out = await runCli(['run', 'payloco', '--base-url', payloco.url, '--report-dir', reportDir()], {
        ...payloco.env,
        PAYLOCO_PRIVATE_KEY: value,
      });
      oneLine(out, line);
    }
  });

  it("the merchant's own public key given as the platform's is named before any check (not a PL-SIG-008 failure)", async () => {
    const merchantPublic = createPublicKey(readFileSync(payloco.env.PAYLOCO_PRIVATE_KEY!, 'utf8')).export({
      type: 'spki',
      format: 'pem',
    }) as string;
    const out = await runCli(['run', 'payloco', '--base-url', payloco.url, '--report-dir', reportDir()], {
      ...payloco.env,
      PAYLOCO_PLATFORM_PUBLIC_KEY: file('merchant-public.pem', merchantPublic),
    });
    oneLine(
      out,
      "PAYLOCO_PLATFORM_PUBLIC_KEY is the public half of your merchant key (PAYLOCO_PRIVATE_KEY), not the platform's: give the platform public key Payloco publishes for this environment",
    );
  });

  it('another wrong platform key: PL-SIG-008 says the key may be wrong', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const d = reportDir();
    await runCli(['run', 'payloco', '--base-url', payloco.url, '--only', 'PL-SIG-008', '--report-dir', d], {
      ...payloco.env,
      PAYLOCO_PLATFORM_PUBLIC_KEY: file(
        'other.pem',
        publicKey.export({ type: 'spki', format: 'pem' }) as string,
      ),
    });
    const check = JSON.parse(readFileSync(join(d, 'results.json'), 'utf8')).checks[0];
    expect(check.status).to.equal('failed');
    expect(check.message).to.include(
      "if that key is not this environment's platform key, every signature fails this way",
    );
  });

  it('`--bundle out.tgz` says --bundle takes no value and how to name the file', async () => {
    for (const args of [
      ['run', 'lesspay', '--bundle', 'out.tgz'],
      ['run', '--bundle', 'out.tgz'],
    ]) {
      const out = await runCli([...args, '--report-dir', reportDir()]);
      oneLine(
        out,
        '--bundle takes no value: write --bundle=out.tgz (or --bundle-file out.tgz) to name the bundle file',
      );
    }
  });

  it('an unreachable broker is named with the reason, not "fetch failed"', async () => {
    const out = await runCli(['publish', '--broker-url', closedUrl, '--consumer-version', '1']);
    oneLine(
      out,
      `cannot reach the Pact Broker at ${closedUrl}: ECONNREFUSED (is --broker-url right, and the broker up?)`,
    );
    const verify = await runCli([
      'verify',
      'lesspay',
      '--broker-url',
      closedUrl,
      '--report-dir',
      reportDir(),
    ]);
    oneLine(
      verify,
      `cannot reach the Pact Broker at ${closedUrl}: ECONNREFUSED (is --broker-url right, and the broker up?)`,
    );
  });

  it('a stale or expired deviation is named on the verdict line', async () => {
    const stale = file(
      'stale.json',
      JSON.stringify({ deviations: [{ check: 'LP-QO-001', reason: 'fixed long ago' }] }),
    );
    const out = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-00*',
      '--deviations',
      stale,
      '--report-dir',
      reportDir(),
    ]);
    expect(out.code).to.equal(1);
    expect(out.stdout).to.match(
      /^verdict: not-certified \(stale deviation LP-QO-001 \(passes now: remove it from the deviations file\)\)$/m,
    );
    const expired = file(
      'expired.json',
      JSON.stringify({
        deviations: [{ check: 'LP-QO-004', reason: 'vendor ticket 42', expires: '2020-01-01' }],
      }),
    );
    const old = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-00*',
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--deviations',
      expired,
      '--report-dir',
      reportDir(),
    ]);
    expect(old.code).to.equal(1);
    expect(old.stdout).to.match(
      /^verdict: not-certified \(expired deviation LP-QO-004 \(renew or remove it\)\)$/m,
    );
    expect(old.stdout).to.include(
      '  stale deviation: LP-QO-004 failed (expired 2020-01-01) (vendor ticket 42)',
    );
  });

  it('deviations init writes every failure of a run with its reason and an expiry; the file then excuses them', async () => {
    const d = reportDir();
    await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-00*',
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--report-dir',
      d,
    ]);
    const out = await runCli([
      'deviations',
      'init',
      '--from',
      join(d, 'results.json'),
      '--expires',
      '2099-12-31',
    ]);
    expect(out.code, out.stderr).to.equal(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.deviations).to.have.length(1);
    expect(doc.deviations[0]).to.include({ check: 'LP-QO-004', expires: '2099-12-31' });
    expect(doc.deviations[0].reason).to.match(/^failed in run \S+ \(\d{4}-\d{2}-\d{2}\): /);
    const again = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-00*',
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--deviations',
      file('init.json', out.stdout),
      '--report-dir',
      reportDir(),
    ]);
    expect(again.code, again.stdout).to.equal(0);
    const bad = await runCli(['deviations', 'init', '--from', join(d, 'results.json'), '--expires', 'soon']);
    oneLine(bad, '--expires takes a duration (30d, 8w) or a date (2027-03-01), got soon');
  });
});
