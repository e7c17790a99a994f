import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { mockModule, type RunningMock } from '../../src/engine/embedded.js';
import { cliArgs } from '../../test/cli/run-cli.js';

// Issue 15, through the real binary: `paycert proxy` sits between the integrator's app and a sandbox (here the
// Payloco mock, made to accept the integrator's own merchant key), prints its URL first, forwards everything, and on
// SIGTERM writes the report and exits with the verdict. The key is given as the PEM itself and never shows.

const client = fileURLToPath(new URL('./client.ts', import.meta.url));
/** What each fault fails, exactly: generated from the checks' killedBy (`mock:` names a fault of the gateway's mock). */
const EXPECTED: Record<'lesspay' | 'payloco', Record<string, string[]>> = JSON.parse(
  readFileSync(fileURLToPath(new URL('./faults.expected.json', import.meta.url)), 'utf8'),
);

function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('examples · paycert proxy judges live client traffic to a sandbox', function () {
  this.timeout(90_000);
  let dir: string;
  let mock: RunningMock;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const env = { PAYLOCO_MERCHANT_ID: 'M-OWN-0042', PAYLOCO_PRIVATE_KEY: privatePem };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-proxy-'));
    const mod = await mockModule('payloco');
    mock = await mod.start({
      host: '127.0.0.1',
      port: 0,
      variant: 'b',
      merchant: {
        id: env.PAYLOCO_MERCHANT_ID,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    } as never);
  });
  after(async () => {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function proxied(
    name: string,
    fault?: string,
    gateway: 'lesspay' | 'payloco' = 'payloco',
    target = mock,
    creds: Record<string, string> = env,
  ) {
    const reportDir = join(dir, name);
    const proxy = spawn(
      process.execPath,
      [...cliArgs, 'proxy', gateway, '--target', target.url, '--report-dir', reportDir],
      { env: { ...process.env, ...creds }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    proxy.stderr.on('data', (d) => (stderr += d));
    const url = await new Promise<string>((resolve, reject) => {
      proxy.stdout.on('data', (d) => {
        stdout += d;
        const first = stdout.split('\n')[0]!;
        if (stdout.includes('\n')) resolve(first);
      });
      proxy.on('close', () => reject(new Error(`proxy ended early: ${stderr}`)));
    });
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const app = await run(['--import', 'tsx', client, gateway, ...(fault ? ['--fault', fault] : [])], {
      ...creds,
      LESSPAY_BASE_URL: url,
      PAYLOCO_BASE_URL: url,
      ...(gateway === 'payloco'
        ? { PAYLOCO_PLATFORM_PUBLIC_KEY: target.credentials.platformPublicKeyPath }
        : {}),
    });
    const code = await new Promise<number | null>((resolve) => {
      proxy.removeAllListeners('close');
      proxy.on('close', resolve);
      proxy.kill('SIGTERM');
    });
    const raw = readFileSync(join(reportDir, 'results.json'), 'utf8');
    return { app, code, stdout, stderr, raw, results: JSON.parse(raw) };
  }

  it('forwards unchanged (the app succeeds), and certifies a conformant client on SIGTERM (exit 0)', async () => {
    const out = await proxied('ok');
    expect(out.app.code, out.app.stderr).to.equal(0);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.results.command).to.equal('proxy');
    expect(out.results.verdict).to.equal('certified');
    expect(out.results.gateways[0].targetKind).to.equal('remote');
    for (const text of [out.raw, out.stdout, out.stderr]) expect(text).not.to.include('PRIVATE KEY');
  });

  it(`fails a client that signs with SHA-1 on ${EXPECTED.payloco['sha1-signature']} (exit 1)`, async () => {
    const out = await proxied('sha1', 'sha1-signature');
    expect(out.code, out.stderr).to.equal(1);
    const failed = out.results.checks.filter((c: { status: string }) => c.status === 'failed');
    expect(failed.map((c: { id: string }) => c.id)).to.deep.equal(EXPECTED.payloco['sha1-signature']);
    expect(failed[0].message).to.match(/RSA-SHA1; P6 is SHA256withRSA/);
  });

  // The faulty sandboxes: mock faults whose answers break a response schema (payloco's query-complete-time-number
  // shows the query answer is judged whole, not by the envelope only).
  const sandboxes = (['lesspay', 'payloco'] as const).flatMap((gateway) =>
    Object.entries(EXPECTED[gateway])
      .filter(([name]) => name.startsWith('mock:'))
      .map(([name, ids]) => [gateway, name.slice('mock:'.length), ids] as const),
  );
  for (const [gateway, fault, ids] of sandboxes) {
    it(`${gateway} (${fault}): a sandbox whose answers break the response schema fails ${ids} (SHOULD: the client stays certified)`, async () => {
      const faulty = await (await mockModule(gateway)).start({ host: '127.0.0.1', port: 0, fault } as never);
      try {
        const c = faulty.credentials;
        const creds: Record<string, string> =
          gateway === 'lesspay'
            ? { LESSPAY_APP_ID: c.appId!, LESSPAY_APP_SECRET: c.appSecret! }
            : { PAYLOCO_MERCHANT_ID: c.merchantId!, PAYLOCO_PRIVATE_KEY: c.privateKeyPath! };
        const out = await proxied(`rsp-${gateway}`, undefined, gateway, faulty, creds);
        expect(out.code, out.stderr).to.equal(0);
        const failed = out.results.checks.filter((c: { status: string }) => c.status === 'failed');
        expect(failed.map((c: { id: string }) => c.id)).to.deep.equal(ids);
        expect(failed[0].message).to.match(/the gateway's answer/);
      } finally {
        await faulty.close();
      }
    });
  }
});
