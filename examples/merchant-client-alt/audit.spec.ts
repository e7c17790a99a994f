import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { scenarioNames, scenarioOf } from '../../src/audit/scenarios.js';
import { mockModule, type RunningMock } from '../../src/engine/embedded.js';
import { cliArgs, runCli } from '../../test/cli/run-cli.js';

// The client checks proven on a second conformant client, written apart from examples/merchant-client/ (node:http,
// other header casing, pretty-printed bodies, optional and empty members, other ids and amounts, demo-only
// endpoints, its own retry policy). Through the real binary: `paycert audit` on both conformant mock variants and
// under every scenario, and `paycert proxy` before a mock. Every applicable check passes, and the alt client's run
// has the same checks, with the same statuses, as the first client's.

const here = fileURLToPath(new URL('./', import.meta.url));
const alt = join(here, 'client.ts');
const main = fileURLToPath(new URL('../merchant-client/client.ts', import.meta.url));
type Gateway = 'lesspay' | 'payloco';
interface Check {
  id: string;
  status: string;
  message?: string;
  evidence?: { request: { headers: Record<string, string>; body: string } }[];
}
interface Results {
  verdict: string;
  gateways: { warning?: string }[];
  checks: Check[];
}

const statuses = (r: Results) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
const notPassed = (r: Results) =>
  r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.message}`);

describe('examples · a second conformant client passes every client check (merchant-client-alt)', function () {
  this.timeout(240_000);
  let dir: string;
  let hooks: Server;
  let notifyUrl = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-alt-'));
    // The integrator's own webhook endpoint, on loopback: the mocks' callbacks go here and are acknowledged.
    hooks = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        req.url?.startsWith('/payloco')
          ? res
              .writeHead(200, { 'content-type': 'application/json' })
              .end('{"code":"00000000","message":"Success"}')
          : res.writeHead(200, { 'content-type': 'text/plain' }).end('SUCCESS'),
      );
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
    notifyUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => hooks.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  async function audit(gateway: Gateway, client: string, flags: string[] = [], env: NodeJS.ProcessEnv = {}) {
    const reportDir = join(dir, `r${++n}`);
    const out = await runCli(
      [
        'audit',
        gateway,
        '--quiet',
        '--report-dir',
        reportDir,
        ...flags,
        '--',
        process.execPath,
        '--import',
        'tsx',
        client,
        gateway,
      ],
      { MERCHANT_NOTIFY_URL: `${notifyUrl}/${gateway}`, ...env },
      120_000,
    );
    return { ...out, results: JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as Results };
  }

  it('imports nothing from paycert: only node built-ins and its own modules', () => {
    const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    expect(sources).to.include.members(['client.ts', 'http.ts', 'lesspay.ts', 'payloco.ts']);
    for (const f of sources) {
      const targets = [
        ...readFileSync(join(here, f), 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm),
      ];
      for (const [, target] of targets) expect(target, f).to.match(/^(node:|\.\/[a-z-]+\.js$)/);
    }
  });

  for (const gateway of ['lesspay', 'payloco'] as const) {
    it(`${gateway}: on mock variants a and b, every check passes, with the same checks as the first client`, async () => {
      const [first, ...runs] = await Promise.all([
        audit(gateway, main),
        // --evidence full: a passing check keeps its exchanges whole, so the judged traffic can be read below.
        audit(gateway, alt, ['--mock-variant', 'a', '--evidence', 'full']),
        audit(gateway, alt, ['--mock-variant', 'b', '--evidence', 'full']),
      ]);
      expect(first!.code, first!.stderr).to.equal(0);
      for (const run of runs) {
        expect(notPassed(run.results), run.stderr).to.deep.equal([]);
        expect(run.code, run.stderr).to.equal(0);
        expect(run.results.verdict).to.equal('certified');
        expect(run.results.gateways[0]!.warning).to.equal(undefined);
        // Same check IDs and statuses as the first client: none skipped that it runs, none left out.
        expect(statuses(run.results)).to.deep.equal(statuses(first!.results));
        // The judged traffic is the alt client's: its content type and its pretty-printed body.
        const trn = run.results.checks.find((c) => /-TRN-002$/.test(c.id))!;
        expect(trn.evidence![0]!.request.headers['content-type']).to.equal('application/json; charset=utf-8');
        expect(trn.evidence![0]!.request.body).to.match(/^\{\n\s+"/);
      }
    });
  }

  /**
   * The branch the alt client takes under each scenario, as its check's note says it (the first client takes the
   * other one): undefined where the check accepts one conduct only (a 5xx's retry of the same order).
   */
  const BRANCH: Record<Gateway, Record<string, RegExp | undefined>> = {
    lesspay: {
      'create-500': undefined,
      'create-503-retry-after': undefined,
      'duplicate-request-id': /created the order again under the new request_id/,
      'create-timeout': /gave up on request #\d+ after \d+ ms, then queried it by request_id/,
      'pending-then-success': /pending order \S+ was queried/,
      'invalid-signature': /refused with HTTP 401 on request #\d+ was not sent again/,
      'payout-rejected':
        /queried until (FAILED|3) and not resubmitted[\s\S]*never queried; the client may learn/,
    },
    payloco: {
      'pay-500': undefined,
      'pay-503-retry-after': undefined,
      'duplicate-order': /pays the order of request #\d+ under a new merchantOrderId/,
      'pay-timeout': /was given up after \d+ ms; request #\d+ resends merchantOrderId/,
      'pending-then-success': /queries the pending order/,
      'invalid-signature': /the order refused on request #\d+ was not sent again/,
    },
  };

  // Every scenario of each gateway, read from the scenario table. The alt client takes the other accepted branch
  // wherever a check accepts more than one (see README.md): a query where the first client resends, a new id where
  // it queries, no resend where it re-signs once, a poll by the gateway's id where it polls by the merchant's.
  // A hold scenario withholds its answer 4 s; the client's own deadline (ALT_CLIENT_TIMEOUT_MS) is 700 ms.
  for (const gateway of ['lesspay', 'payloco'] as const)
    for (const name of scenarioNames(gateway))
      it(`${gateway} ${name}: on mock variants a and b the client meets it (exit 0) and its checks pass, --strict`, async () => {
        const scenario = scenarioOf(gateway, name)!;
        const hold = scenario.answer?.when === 'hold';
        const runs = await Promise.all(
          (['a', 'b'] as const).map((variant) =>
            audit(
              gateway,
              alt,
              [
                '--scenario',
                name,
                '--strict',
                '--mock-variant',
                variant,
                ...(hold ? ['--scenario-hold', '4000'] : []),
              ],
              hold ? { ALT_CLIENT_TIMEOUT_MS: '700' } : {},
            ),
          ),
        );
        for (const [i, run] of runs.entries()) {
          const where = `${name} on variant ${'ab'[i]}: ${run.stderr}`;
          expect(run.code, where).to.equal(0);
          expect(
            run.results.checks.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.id),
            where,
          ).to.deep.equal([]);
          const own = Object.entries(statuses(run.results)).filter(([id]) => scenario.checks.includes(id));
          expect(Object.fromEntries(own), where).to.deep.equal(
            Object.fromEntries(scenario.checks.map((id) => [id, 'passed'])),
          );
          expect(BRANCH[gateway], `${name}: the alt client's branch is not listed`).to.have.property(name);
          const branch = BRANCH[gateway][name];
          if (branch)
            expect(
              run.results.checks.filter((c) => scenario.checks.includes(c.id)).map((c) => c.message),
              where,
            ).to.satisfy((m: string[]) => m.some((x) => branch.test(x ?? '')));
        }
      });

  for (const gateway of ['lesspay', 'payloco'] as const)
    it(`${gateway}: a sandbox that answers HTTP 500 to every valid create makes the client exit 1 (command failed)`, async () => {
      const faulty = await (await mockModule(gateway)).start({
        host: '127.0.0.1',
        port: 0,
        fault: '500-on-valid-request',
      } as never);
      try {
        const c = faulty.credentials;
        const reportDir = join(dir, `f${++n}`);
        const out = await runCli(
          [
            'audit',
            gateway,
            '--quiet',
            '--target',
            faulty.url,
            '--report-dir',
            reportDir,
            '--',
            process.execPath,
            '--import',
            'tsx',
            alt,
            gateway,
          ],
          gateway === 'lesspay'
            ? { LESSPAY_APP_ID: c.appId!, LESSPAY_APP_SECRET: c.appSecret! }
            : { PAYLOCO_MERCHANT_ID: c.merchantId!, PAYLOCO_PRIVATE_KEY: c.privateKeyPath! },
          120_000,
        );
        const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as Results;
        expect(out.code, out.stderr).to.equal(1);
        expect(out.stderr).to.match(/merchant-client-alt: (create|pay)/);
        expect(results.gateways[0]!.warning).to.equal('the client command exited with code 1');
        expect(results.verdict).to.equal('not-certified');
        // Its requests, retries included, break no rule: the failure is the sandbox's, reported as the command's.
        expect(results.checks.filter((c) => c.status === 'failed' && !/-RSP-/.test(c.id))).to.deep.equal([]);
      } finally {
        await faulty.close();
      }
    });

  describe('paycert proxy before a mock, with credentials of the integrator’s own', () => {
    const mocks: RunningMock[] = [];
    after(() => Promise.all(mocks.map((m) => m.close())));

    async function proxied(gateway: Gateway, mock: RunningMock, creds: Record<string, string>) {
      const reportDir = join(dir, `p${++n}`);
      const proxy = spawn(
        process.execPath,
        [...cliArgs, 'proxy', gateway, '--target', mock.url, '--report-dir', reportDir],
        {
          env: { ...process.env, ...creds },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      proxy.stderr.on('data', (d) => (stderr += d));
      const url = await new Promise<string>((resolve, reject) => {
        proxy.stdout.on('data', (d) => {
          stdout += d;
          if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
        });
        proxy.on('close', () => reject(new Error(`proxy ended early: ${stderr}`)));
      });
      const app = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', alt, gateway], {
          env: {
            ...process.env,
            ...creds,
            MERCHANT_NOTIFY_URL: `${notifyUrl}/${gateway}`,
            [gateway === 'lesspay' ? 'LESSPAY_BASE_URL' : 'PAYLOCO_BASE_URL']: url,
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => resolve({ code, stderr: err }));
      });
      const code = await new Promise<number | null>((resolve) => {
        proxy.removeAllListeners('close');
        proxy.on('close', resolve);
        proxy.kill('SIGTERM');
      });
      const raw = readFileSync(join(reportDir, 'results.json'), 'utf8');
      return { app, code, stderr, raw, results: JSON.parse(raw) as Results };
    }

    it('lesspay (variant b): forwarded unchanged, every check passes on SIGTERM (exit 0)', async () => {
      const mock = await (await mockModule('lesspay')).start({
        host: '127.0.0.1',
        port: 0,
        variant: 'b',
      } as never);
      mocks.push(mock);
      const { appId, appSecret } = mock.credentials;
      const out = await proxied('lesspay', mock, { LESSPAY_APP_ID: appId!, LESSPAY_APP_SECRET: appSecret! });
      expect(out.app.code, out.app.stderr).to.equal(0);
      expect(notPassed(out.results)).to.deep.equal([]);
      expect(out.code, out.stderr).to.equal(0);
      expect(out.results.verdict).to.equal('certified');
      expect(out.raw).not.to.include(appSecret!);
    });

    it('payloco (variant b): the merchant key read from a PKCS#8 file, every check passes (exit 0)', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keyFile = join(dir, 'merchant-key.pem');
      writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const mock = await (await mockModule('payloco')).start({
        host: '127.0.0.1',
        port: 0,
        variant: 'b',
        merchant: {
          id: 'M-ALT-7731',
          publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      } as never);
      mocks.push(mock);
      const out = await proxied('payloco', mock, {
        PAYLOCO_MERCHANT_ID: 'M-ALT-7731',
        PAYLOCO_PRIVATE_KEY: keyFile,
        PAYLOCO_PLATFORM_PUBLIC_KEY: mock.credentials.platformPublicKeyPath!,
      });
      expect(out.app.code, out.app.stderr).to.equal(0);
      expect(notPassed(out.results)).to.deep.equal([]);
      expect(out.code, out.stderr).to.equal(0);
      expect(out.results.verdict).to.equal('certified');
      expect(out.raw).not.to.include('PRIVATE KEY');
    });
  });
});
