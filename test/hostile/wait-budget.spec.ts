import '../../src/generate/register.js';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Gateway, Results } from '../../src/core/results.js';
import { certify } from '../../src/engine/certify.js';
import { startEmbedded } from '../../src/engine/embedded.js';
import { closeHttp } from '../../src/engine/http.js';
import { runCli } from '../cli/run-cli.js';
import { type Behaviour, startChaos } from './chaos-server.js';

// Issue 26: a target that refuses every request with 429 or 503 and a short Retry-After must not keep a run going
// once per check (it did: 139 requests and still running after 60 s). The run's total wait on Retry-After is bounded
// by --max-wait; past it the run stops as a setup error (exit 2) that names the refusals, and keeps what it judged.

const MAX_WAIT_MS = 2_500;
const RETRY_AFTER_S = 1;
// A wait in progress when the budget runs out ends on its own timer (one Retry-After), then every remaining check
// ends at once; the slack covers loading the probe files on a loaded machine.
const BOUND_MS = MAX_WAIT_MS + RETRY_AFTER_S * 1_000 + 6_000;
const REFUSED =
  /^the target refused \d+ requests with 429\/503 for \d+(\.\d)? s \(waiting on its Retry-After would pass the 2\.5 s budget of --max-wait\)$/;

const CASES: { gateway: Gateway; behaviour: Behaviour; status: number }[] = [
  { gateway: 'lesspay', behaviour: 'throttle', status: 429 },
  { gateway: 'lesspay', behaviour: 'unavailable', status: 503 },
  { gateway: 'payloco', behaviour: 'throttle', status: 429 },
  { gateway: 'payloco', behaviour: 'unavailable', status: 503 },
];

describe('hostile targets: the wait budget on Retry-After (--max-wait)', function () {
  this.timeout(60_000);

  after(() => closeHttp());

  for (const { gateway, behaviour, status } of CASES) {
    it(`${gateway}: every path answers ${status} with Retry-After ${RETRY_AFTER_S}: the run stops within the budget, exit-2 verdict`, async () => {
      const { target, mock } = await startEmbedded(gateway);
      const chaos = await startChaos({
        upstream: target.baseUrl,
        behaviours: { '*': behaviour },
        retryAfter: String(RETRY_AFTER_S),
      });
      const started = performance.now();
      let results: Results;
      try {
        results = await certify({
          targets: [{ ...target, baseUrl: chaos.url, kind: 'remote' }],
          timeoutMs: 2_000,
          maxBodyBytes: 1_048_576,
          concurrency: 4,
          rate: 0,
          maxRequests: 20_000,
          retryAfterCapMs: 10_000,
          maxWaitMs: MAX_WAIT_MS,
          strict: false,
          selects: () => true,
          webhooks: { waitMs: 1_500 },
        });
      } finally {
        await chaos.close();
        await mock.close();
      }
      const ms = performance.now() - started;
      expect(ms, `${Math.round(ms)} ms`).to.be.at.most(BOUND_MS);
      // Each wait is one Retry-After; lanes waiting together share it: at most (budget / Retry-After + 1) rounds
      // of at most 4 lanes with 1 + 2 retries each, plus the smoke request.
      expect(chaos.stats.requests).to.be.at.most(
        1 + (Math.floor(MAX_WAIT_MS / (RETRY_AFTER_S * 1_000)) + 1) * 4 * 3,
      );
      const [g] = results.gateways;
      expect(g.verdict).to.equal('error');
      expect(g.error).to.match(REFUSED);
      expect(results.verdict).to.equal('error');
      // What the run judged is kept: one result per check, none passed or failed by a refusal.
      expect(results.checks.length).to.be.greaterThan(100);
      expect(results.checks.filter((c) => c.status === 'passed' || c.status === 'failed')).to.deep.equal([]);
      expect(
        results.checks.some((c) => /throttled: HTTP \d{3} with Retry-After 1/.test(c.message ?? '')),
      ).to.equal(true);
    });
  }

  it('through the binary: exit 2 and one line naming the refusals, the gateway error in results.json', async () => {
    const { target, mock } = await startEmbedded('payloco');
    const chaos = await startChaos({
      upstream: target.baseUrl,
      behaviours: { '*': 'throttle' },
      retryAfter: '1',
    });
    const dir = mkdtempSync(join(tmpdir(), 'paycert-wait-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'merchant.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    try {
      const out = await runCli(
        ['run', 'payloco', '--base-url', chaos.url, '--max-wait', '1500', '--quiet', '--report-dir', dir],
        { PAYLOCO_MERCHANT_ID: 'm-wait', PAYLOCO_PRIVATE_KEY: keyFile },
      );
      expect(out.code, out.stderr).to.equal(2);
      expect(out.stderr).to.match(
        /^paycert: the target refused \d+ requests with 429\/503 for \d+(\.\d)? s \(waiting on its Retry-After would pass the 1\.5 s budget of --max-wait\)$/m,
      );
      expect(out.stderr).to.not.match(/\n\s+at /);
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
      expect(results.gateways[0].error).to.match(/^the target refused \d+ requests with 429\/503/);
      expect(results.checks.length).to.be.greaterThan(100);
    } finally {
      await chaos.close();
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--max-wait takes a whole number of milliseconds', async () => {
    const out = await runCli(['run', 'lesspay', '--max-wait', 'soon']);
    expect(out.code).to.equal(2);
    expect(out.stderr.trim()).to.equal('paycert: --max-wait must be a whole number >= 0, got soon');
  });
});
