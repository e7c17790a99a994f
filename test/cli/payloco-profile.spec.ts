import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { mockModule } from '../../src/engine/embedded.js';
import { startRemoteMock } from './mock-target.js';
import { runCli } from './run-cli.js';

// Issue 22, the clarified profile: a Payloco gateway without a documented endpoint (P1) or that accepts a request
// without version (P4) is not certified any more; both were CERTIFIED with only SHOULD failures before.

const dir = mkdtempSync(join(tmpdir(), 'paycert-payloco-profile-'));
let n = 0;

async function runAgainst(fault: string, extra: string[] = []) {
  const target = await startRemoteMock('payloco', fault);
  try {
    const reportDir = join(dir, `r${n++}`);
    const out = await runCli(
      [
        'run',
        'payloco',
        '--base-url',
        target.url,
        '--webhook-wait',
        '1500',
        '--report-dir',
        reportDir,
        ...extra,
      ],
      target.env,
      120_000,
    );
    const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    const failedMust = results.checks
      .filter((c) => c.status === 'failed' && c.level === 'MUST' && !c.id.includes('-GEN-'))
      .map((c) => c.id);
    return { ...out, results, failedMust };
  } finally {
    await target.mock.close();
  }
}

describe('paycert run payloco · the clarified profile (P1 endpoints, P4 version)', function () {
  this.timeout(180_000);

  it('a gateway without /v2/payments/open/api/pay (HTTP 404) is not certified, exit 1, naming PL-EP-002', async () => {
    const out = await runAgainst('pay-v2-missing');
    expect(out.code, out.stderr).to.equal(1);
    expect(out.results.verdict).to.equal('not-certified');
    expect(out.failedMust).to.deep.equal(['PL-EP-002']);
    expect(out.stdout).to.match(
      /^FAIL +PL-EP-002 +MUST +(?:P1: )?the v2 pay endpoint answers a valid request with a business code — \/v2\/payments\/open\/api\/pay answered a valid, signed request with HTTP 404: the documented endpoint is missing/m,
    );
    expect(out.stdout).to.match(/^payloco: NOT-CERTIFIED — /m);
  });

  it('a gateway that answers preAuthVoid with its unknown-path code at HTTP 200 is not certified, naming PL-EP-004', async () => {
    const out = await runAgainst('pre-auth-void-missing', ['--only', 'PL-EP-*']);
    expect(out.code, out.stderr).to.equal(1);
    expect(out.failedMust).to.deep.equal(['PL-EP-004']);
    const check = out.results.checks.find((c) => c.id === 'PL-EP-004')!;
    expect(check.message).to.match(
      /^\/v1\/payments\/open\/api\/preAuthVoid answered a valid, signed request as it answers a POST to an unknown path \(code 11000404 "Not Found"\): the documented endpoint is missing/,
    );
    expect(check).to.include({ level: 'MUST', reading: 'P1' });
  });

  it('a gateway that accepts a pay without version fails PL-COM-003 (MUST), exit 1', async () => {
    const out = await runAgainst('version-missing-accepted');
    expect(out.code, out.stderr).to.equal(1);
    expect(out.results.verdict).to.equal('not-certified');
    expect(out.failedMust).to.deep.equal(['PL-COM-003']);
    expect(out.stdout).to.match(
      /^FAIL +PL-COM-003 +MUST +(?:P4: )?a pay without version is rejected — a pay without version was accepted/m,
    );
  });

  // P10: what the webhook HMAC covers is told two ways; each accepted form is reported in the evidence.
  for (const [variant, form] of [
    ['a', 'the raw body'],
    ['b', 'x-timestamp + "." + raw body'],
  ] as const) {
    it(`variant ${variant}: PL-WH-002 passes and says the signature verified as the HMAC of ${form}`, async () => {
      const mod = await mockModule('payloco');
      const mock = await mod.start({
        host: '127.0.0.1',
        port: 0,
        variant,
        webhookRetryDelaysMs: [50, 100, 200],
      });
      try {
        const c = mock.credentials;
        const reportDir = join(dir, `r${n++}`);
        const out = await runCli(
          [
            'run',
            'payloco',
            '--base-url',
            mock.url,
            '--only',
            'PL-WH-002',
            '--webhook-wait',
            '1500',
            '--report-dir',
            reportDir,
          ],
          {
            PAYLOCO_MERCHANT_ID: c.merchantId,
            PAYLOCO_PRIVATE_KEY: c.privateKeyPath,
            PAYLOCO_PLATFORM_PUBLIC_KEY: c.platformPublicKeyPath,
            PAYLOCO_WEBHOOK_SECRET: c.webhookSecret,
          },
        );
        const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
        const check = results.checks.find((x) => x.id === 'PL-WH-002')!;
        expect(check.status, check.message).to.equal('passed');
        expect(check.message).to.include(`x-signature verified as the HMAC of ${form}`);
        expect(out.stdout + out.stderr).to.not.include(c.webhookSecret);
      } finally {
        await mock.close();
      }
    });
  }

  describe('webhook-test payloco --webhook-signed: a handler that verifies x-timestamp + "." + body (P10)', () => {
    const SECRET = 'paycert-test-handler-secret';
    let server: Server;
    let url: string;
    before(async () => {
      // A handler whose verification is the overview's reading: HMAC over `${x-timestamp}.${raw body}`.
      server = createServer((req, res) => {
        let raw = '';
        req.on('data', (c) => (raw += c));
        req.on('end', () => {
          const ts = String(req.headers['x-timestamp'] ?? '');
          const want = createHmac('sha256', SECRET).update(`${ts}.${raw}`).digest('hex');
          let json = true;
          try {
            JSON.parse(raw);
          } catch {
            json = false;
          }
          const ok = req.headers['x-signature'] === want && json;
          res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(ok ? { code: '00000000', message: 'Success' } : { code: 'REFUSED' }));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/payloco/notify`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    const test = (extra: string[]) =>
      runCli(
        [
          'webhook-test',
          'payloco',
          '--verbose',
          '--handler-url',
          url,
          '--only',
          'PLH-ACK-001,PLH-SIG-001,PLH-SIG-002,PLH-SIG-003',
          '--report-dir',
          join(dir, `r${n++}`),
          ...extra,
        ],
        { PAYLOCO_WEBHOOK_SECRET: SECRET },
      );

    it('with --webhook-signed timestamp.body the valid webhook is acknowledged and forged ones are refused (exit 0)', async () => {
      const out = await test(['--webhook-signed', 'timestamp.body']);
      // A narrowed handler run that passes is passed-partial (exit 0), never certified.
      expect(out.code, out.stdout + out.stderr).to.equal(0);
      expect(out.stdout).to.match(/verdict: passed-partial/);
      for (const id of ['PLH-ACK-001', 'PLH-SIG-001', 'PLH-SIG-002', 'PLH-SIG-003'])
        expect(out.stdout).to.match(new RegExp(`^PASS {2}${id} `, 'm'));
    });

    it('without it paycert signs the body alone, which this handler refuses: a one-line setup error, exit 2', async () => {
      const out = await test([]);
      expect(out.code).to.equal(2);
      expect(out.stderr.trim().split('\n')).to.have.length(1);
      expect(out.stderr).to.not.include(SECRET);
    });

    it('an unknown form, or the flag on lesspay, is one line and exit 2', async () => {
      const bad = await test(['--webhook-signed', 'timestamp-body']);
      expect(bad.code).to.equal(2);
      expect(bad.stderr.trim()).to.equal(
        'paycert: --webhook-signed must be one of body, timestamp.body, timestamp+body, got timestamp-body',
      );
      const lesspay = await runCli(
        ['webhook-test', 'lesspay', '--handler-url', url, '--webhook-signed', 'body'],
        { LESSPAY_APP_SECRET: SECRET },
      );
      expect(lesspay.code).to.equal(2);
      expect(lesspay.stderr.trim()).to.equal(
        'paycert: --webhook-signed applies to payloco (Lesspay callbacks are signed as L3 says)',
      );
    });
  });
});
