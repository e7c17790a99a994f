import { expect } from 'chai';
import { loadFixture } from './fixtures/index.js';
import { mergeResults, overallVerdict, recompute, summarize, verdictOf } from './merge.js';
import type { Check, Results } from './types.js';

const check = (over: Partial<Check>): Check => ({
  id: 'PL-T-001',
  gateway: 'payloco',
  title: 't',
  level: 'MUST',
  reading: 'P1',
  status: 'passed',
  durationMs: 1,
  ...over,
});

describe('report verdict rule', () => {
  it('certifies when every MUST check passes or is not applicable', () => {
    expect(
      verdictOf([
        check({}),
        check({ status: 'skipped', notApplicable: true }),
        check({ level: 'SHOULD', status: 'failed' }),
        check({ level: 'SHOULD', status: 'skipped' }),
      ]),
    ).to.equal('certified');
  });

  it('is incomplete when a MUST check errored or was skipped for a reason other than capabilities', () => {
    expect(verdictOf([check({}), check({ status: 'skipped', message: 'no secret' })])).to.equal('incomplete');
    expect(verdictOf([check({}), check({ status: 'error' })])).to.equal('incomplete');
    // A failure is a finding: it wins over what could not be judged.
    expect(verdictOf([check({ status: 'failed' }), check({ status: 'skipped' })])).to.equal('not-certified');
    // A known deviation excuses an unjudged check as it excuses a failure.
    expect(verdictOf([check({}), check({ status: 'error', deviation: { reason: 'r' } })])).to.equal(
      'certified',
    );
  });

  it('fails on a MUST failure', () => {
    expect(verdictOf([check({}), check({ status: 'failed' })])).to.equal('not-certified');
  });

  it('with strict, a SHOULD failure fails too, and an unjudged SHOULD check makes it incomplete', () => {
    expect(verdictOf([check({}), check({ level: 'SHOULD', status: 'failed' })], true)).to.equal(
      'not-certified',
    );
    expect(verdictOf([check({}), check({ level: 'SHOULD', status: 'error' })], true)).to.equal('incomplete');
  });

  it('a known deviation excuses a failure; a stale one fails the verdict', () => {
    expect(verdictOf([check({}), check({ status: 'failed', deviation: { reason: 'r' } })])).to.equal(
      'certified',
    );
    expect(verdictOf([check({}), check({ status: 'error', deviation: { reason: 'r' } })], true)).to.equal(
      'certified',
    );
    expect(verdictOf([check({ deviation: { reason: 'r', stale: true } })])).to.equal('not-certified');
    expect(verdictOf([check({ level: 'SHOULD', deviation: { reason: 'r', stale: true } })])).to.equal(
      'not-certified',
    );
    expect(
      verdictOf([check({}), check({ status: 'failed', deviation: { reason: 'r', stale: true } })]),
    ).to.equal('not-certified');
  });

  it('is error when the gateway could not be judged', () => {
    expect(verdictOf([check({ status: 'error' }), check({ status: 'error', level: 'SHOULD' })])).to.equal(
      'error',
    );
    expect(verdictOf([])).to.equal('error');
    expect(verdictOf([check({ status: 'skipped', notApplicable: true })])).to.equal('error');
    expect(verdictOf([check({})], false, { gatewayError: 'target unreachable' })).to.equal('error');
  });

  it('the run verdict: not-certified over error over incomplete over certified', () => {
    expect(overallVerdict(['certified', 'certified'])).to.equal('certified');
    expect(overallVerdict(['certified', 'incomplete'])).to.equal('incomplete');
    expect(overallVerdict(['incomplete', 'error'])).to.equal('error');
    expect(overallVerdict(['certified', 'error'])).to.equal('error');
    expect(overallVerdict(['error', 'not-certified'])).to.equal('not-certified');
    expect(overallVerdict([])).to.equal('error');
  });

  it('summarize counts statuses, counted failures, unjudged MUST checks and known deviations', () => {
    expect(
      summarize([
        check({}),
        check({ status: 'failed' }),
        check({ status: 'error', level: 'SHOULD' }),
        check({ status: 'failed', deviation: { reason: 'r' } }),
        check({ status: 'skipped', notApplicable: true }),
      ]),
    ).to.deep.equal({
      total: 5,
      passed: 1,
      failed: 2,
      skipped: 1,
      error: 1,
      mustFailed: 1,
      shouldFailed: 0,
      mustNotJudged: 0,
      knownDeviations: 1,
    });
  });
});

function shards(r: Results, n: number): Results[] {
  return Array.from({ length: n }, (_, i) => {
    const part = structuredClone(r);
    part.shard = { index: i + 1, total: n };
    part.checks = r.checks.filter((_, k) => k % n === i);
    part.startedAt = new Date(Date.parse(r.startedAt) + i * 1000).toISOString();
    part.finishedAt = undefined;
    part.durationMs = 5000;
    return recompute(part);
  });
}

describe('report merge', () => {
  it('merging shards gives the single-run summaries and verdicts', () => {
    const whole = loadFixture();
    const merged = mergeResults(shards(whole, 3));
    expect(merged.checks).to.have.length(whole.checks.length);
    expect(merged.summary).to.deep.equal(whole.summary);
    expect(merged.gateways.map((g) => [g.gateway, g.verdict, g.summary])).to.deep.equal(
      whole.gateways.map((g) => [g.gateway, g.verdict, g.summary]),
    );
    expect(merged.verdict).to.equal(whole.verdict);
    expect(merged.command).to.equal('merged');
    expect(merged.shard).to.equal(null);
    expect(merged.startedAt).to.equal(whole.startedAt);
    expect(merged.durationMs).to.equal(7000);
  });

  it('recomputes verdicts instead of trusting the parts', () => {
    const [a, b] = shards(loadFixture(), 2);
    a!.verdict = 'certified';
    for (const g of a!.gateways) g.verdict = 'certified';
    expect(mergeResults([a!, b!]).verdict).to.equal('not-certified');
  });

  it('de-duplicates by gateway and id, keeping the more damning outcome', () => {
    const [a, b] = shards(loadFixture(), 2);
    const dup = structuredClone(a!.checks.find((c) => c.status === 'passed')!);
    dup.status = 'failed';
    b!.checks.push(dup);
    const merged = mergeResults([a!, b!, structuredClone(a!)]);
    expect(merged.checks).to.have.length(loadFixture().checks.length);
    expect(merged.checks.find((c) => c.gateway === dup.gateway && c.id === dup.id)!.status).to.equal(
      'failed',
    );
  });

  it('refuses parts of different tools, profiles, strictness or targets', () => {
    const [a, b] = shards(loadFixture(), 2);
    expect(() => mergeResults([a!, { ...b!, tool: { name: 'paycert', version: '0.0.1' } }])).to.throw(
      /cannot merge/,
    );
    expect(() => mergeResults([a!, { ...b!, profileVersion: '2.0.0' }])).to.throw(/profile/);
    expect(() => mergeResults([a!, { ...b!, strict: true }])).to.throw(/strict/);
    const other = structuredClone(b!);
    other.gateways[0]!.target = 'https://elsewhere.example';
    expect(() => mergeResults([a!, other])).to.throw(/different targets/);
    expect(() => mergeResults([])).to.throw(/nothing/);
  });

  it('refuses to merge an incomplete set of shards unless asked', () => {
    const [a, , c] = shards(loadFixture(), 3);
    expect(() => mergeResults([a!, c!])).to.throw(/missing shard\(s\) 2\/3/);
    expect(mergeResults([a!, c!], { allowPartial: true }).checks.length).to.be.greaterThan(0);
  });

  it('a gateway error in any shard makes that gateway error', () => {
    const [a, b] = shards(loadFixture(), 2);
    b!.gateways.find((g) => g.gateway === 'payloco')!.error = 'smoke test failed: HTTP 502';
    const merged = mergeResults([a!, b!]);
    const payloco = merged.gateways.find((g) => g.gateway === 'payloco')!;
    expect(payloco.verdict).to.equal('error');
    expect(payloco.error).to.equal('smoke test failed: HTTP 502');
  });
});
