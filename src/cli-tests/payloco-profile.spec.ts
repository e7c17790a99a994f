import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../core/results.js';
import { mockModule } from '../engine/embedded.js';
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
      /^FAIL {2}PL-EP-002 +MUST {3}the v2 pay endpoint answers a valid request with a business code — \/v2\/payments\/open\/api\/pay answered a valid, signed request with HTTP 404: the documented endpoint is missing/m,
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
      /^FAIL {2}PL-COM-003 +MUST {3}a pay without version is rejected — a pay without version was accepted/m,
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
});
