import '../../src/generate/register.js';
import { expect } from 'chai';
import { UsageError } from '../../src/core/errors.js';
import type { Results } from '../../src/core/results.js';
import { type CertifyOptions, certify, type Target } from '../../src/engine/certify.js';
import { startEmbedded } from '../../src/engine/embedded.js';
import { isProductionHost, parseBaseUrl } from '../../src/engine/guard.js';
import { closeHttp } from '../../src/engine/http.js';
import { type Behaviour, type RunningChaos, startChaos } from './chaos-server.js';

// Issue 9: a staging system must not be hammered. Rate, concurrency, Retry-After and the request budget are
// measured where they matter: at the target (the chaos server's own counts), not inside the client.

const SMOKE = '/api/global/v1/pay/query-order';
const QUERY_PAYOUT = '/api/global/payout/query';

let upstream: { target: Target; mock: { close(): Promise<void> } };

async function runThrough(
  behaviours: Record<string, Behaviour>,
  overrides: Partial<CertifyOptions>,
): Promise<{ results: Results; ms: number; chaos: RunningChaos }> {
  const chaos = await startChaos({ upstream: upstream.target.baseUrl, behaviours, maxHoldMs: 10_000 });
  const started = performance.now();
  try {
    const results = await certify({
      targets: [{ ...upstream.target, baseUrl: chaos.url, kind: 'remote' }],
      timeoutMs: 2_000,
      maxBodyBytes: 1_048_576,
      concurrency: 4,
      rate: 0,
      maxRequests: 20_000,
      retryAfterCapMs: 10_000,
      strict: false,
      selects: () => true,
      webhooks: { waitMs: 1_500 },
      ...overrides,
    });
    return { results, ms: performance.now() - started, chaos };
  } finally {
    await chaos.close();
  }
}

/** Checks of several probe files (so several lanes run), no webhook waits. */
const spread = (e: { id: string }) =>
  /^LP-(QO-0(0[1-9]|1[0-2])|AUTH-00[1-7]|PARAM-00[1-9]|ENV-00[1-3])$/.test(e.id);

/** The run's requests (the smoke request, which precedes the run, left out). */
function runRequests(chaos: RunningChaos) {
  return chaos.stats.log.slice(1);
}

describe('hostile targets: politeness', function () {
  this.timeout(30_000);

  before(async () => {
    upstream = await startEmbedded('lesspay', { webhookRetryDelaysMs: [50, 100, 200] });
  });

  after(async () => {
    await upstream.mock.close();
    await closeHttp();
  });

  it('--rate 20: no second sees more than 21 requests at the target', async () => {
    const R = 20;
    const { results, chaos } = await runThrough({}, { rate: R, selects: spread });
    // A spread of the catalogue, not the whole profile: a pass is partial.
    expect(results.verdict).to.equal('passed-partial');
    const perSecond = new Map<number, number>();
    for (const r of runRequests(chaos)) {
      const s = Math.floor(r.at / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
    const counts = [...perSecond.values()];
    if (process.env.PAYCERT_FIGURES)
      console.log(`    rate ${R}: requests per second at the target ${counts.join(', ')}`);
    expect(runRequests(chaos).length).to.be.at.least(1.5 * R);
    expect(Math.max(...counts)).to.be.at.most(R + 1);
  });

  for (const n of [1, 3]) {
    it(`--concurrency ${n}: at most ${n} requests in flight at the target`, async () => {
      const { results, chaos } = await runThrough({}, { concurrency: n, selects: spread });
      expect(results.verdict).to.equal('passed-partial');
      if (process.env.PAYCERT_FIGURES)
        console.log(`    concurrency ${n}: max in flight ${chaos.stats.maxInFlight}`);
      expect(chaos.stats.maxInFlight).to.be.at.most(n);
    });
  }

  it('429 with Retry-After 1: waits at least 1 s before each retry, retries twice, then the check is error', async () => {
    const { results, ms, chaos } = await runThrough(
      { [QUERY_PAYOUT]: 'throttle' },
      { selects: (e) => e.id === 'LP-TR-007' || e.id === 'LP-QO-001', timeoutMs: 400 },
    );
    const hits = chaos.stats.log.filter((r) => r.path === QUERY_PAYOUT);
    expect(hits).to.have.length(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.at - hits[i - 1]!.at).to.be.at.least(1_000);
    const tr7 = results.checks.find((c) => c.id === 'LP-TR-007')!;
    expect(tr7.status).to.equal('error');
    expect(tr7.message).to.match(
      /throttled: HTTP 429 with Retry-After 1 \(still throttled after 2 retries\)/,
    );
    expect(results.checks.find((c) => c.id === 'LP-QO-001')!.status).to.equal('passed');
    // Bounded: two Retry-After waits, three short exchanges, the normal run and slack.
    expect(ms).to.be.at.most(2 * 1_000 + 3 * 400 + 3_000);
  });

  it('503 with Retry-After 3600 (over the cap): error at once, no wait, no retry', async () => {
    const { results, ms, chaos } = await runThrough(
      { [QUERY_PAYOUT]: 'unavailable' },
      { selects: (e) => e.id === 'LP-TR-007' },
    );
    expect(chaos.stats.log.filter((r) => r.path === QUERY_PAYOUT)).to.have.length(1);
    const tr7 = results.checks[0]!;
    expect(tr7.status).to.equal('error');
    expect(tr7.message).to.match(/HTTP 503 with Retry-After 3600 \(over the 10000 ms cap\)/);
    expect(ms).to.be.below(2_000);
  });

  it('--max-requests 10: the target sees at most 10 requests besides the smoke request; later checks are error "budget"', async () => {
    const M = 10;
    const { results, chaos } = await runThrough({}, { maxRequests: M, selects: spread });
    expect(chaos.stats.log[0]!.path).to.equal(SMOKE);
    expect(chaos.stats.requests).to.be.at.most(M + 1);
    const budget = results.checks.filter((c) => /budget/.test(c.message ?? ''));
    expect(budget.length).to.be.greaterThan(0);
    for (const c of budget) expect(c.status).to.equal('error');
    expect(results.checks.filter((c) => c.status === 'passed').length).to.be.greaterThan(0);
    expect(results.verdict).to.be.oneOf(['incomplete', 'error', 'not-certified']);
  });

  describe('production guard', () => {
    it('allows sandbox, UAT, loopback and unrelated hosts', () => {
      for (const host of [
        'lesspay2-pay-uat.doopayment.com',
        'sandbox-gateway.doopayment.com',
        'gate.uat.payloco.com',
        'gate.dev.payloco.com',
        'uat-api.payloco.com',
        '127.0.0.1',
        'localhost',
        '[::1]',
        'staging.example.com',
        'payloco.com.example.org',
        'notpayloco.com',
      ]) {
        expect(isProductionHost(host), host).to.equal(false);
      }
    });

    it('refuses production hosts of either gateway without --allow-production', () => {
      for (const host of [
        'api.payloco.com',
        'gate.payloco.com',
        'lesspay2-pay.doopayment.com',
        'GATE.PAYLOCO.COM',
      ]) {
        expect(isProductionHost(host), host).to.equal(true);
        expect(() => parseBaseUrl(`https://${host}/gateway`, false), host).to.throw(
          UsageError,
          /--allow-production/,
        );
        expect(parseBaseUrl(`https://${host}/gateway`, true)).to.equal(
          `https://${host.toLowerCase()}/gateway`,
        );
      }
    });
  });
});
