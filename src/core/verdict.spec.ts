import { expect } from 'chai';
import type { Check } from './results.js';
import {
  exitCodeOf,
  interruptedGateway,
  judgeGateway,
  overallVerdict,
  RANK,
  recompute,
  runVerdict,
  summarize,
  verdictOf,
  worseVerdict,
} from './verdict.js';

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

describe('core verdict rule', () => {
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

  it("an audited command's own failure is not-certified whatever its checks say; an unjudged gateway still error", () => {
    const failure = 'the command exited with code 3';
    expect(verdictOf([check({})], false, { commandFailure: failure })).to.equal('not-certified');
    expect(verdictOf([check({ status: 'error' })], false, { commandFailure: failure })).to.equal(
      'not-certified',
    );
    expect(
      verdictOf([check({})], false, { gatewayError: 'upstream down', commandFailure: failure }),
    ).to.equal('error');
    expect(judgeGateway([check({})], false, { commandFailure: failure }).verdict).to.equal('not-certified');
  });

  it("a runner's document takes the worst gateway verdict, an empty shard passed-partial, a stopped run interrupted", () => {
    const gateways = [{ verdict: 'certified' as const }, { verdict: 'incomplete' as const }];
    expect(runVerdict(gateways)).to.equal('incomplete');
    expect(runVerdict([])).to.equal('error');
    expect(runVerdict([], { emptyShard: true })).to.equal('passed-partial');
    expect(runVerdict(gateways, { interrupted: true })).to.equal('interrupted');
    expect(interruptedGateway([check({}), check({ status: 'failed' })])).to.deep.include({
      verdict: 'interrupted',
    });
    expect(interruptedGateway([check({ status: 'failed' })]).summary).to.include({ total: 1, failed: 1 });
  });

  it('the run verdict: not-certified over error over incomplete over certified', () => {
    expect(overallVerdict(['certified', 'certified'])).to.equal('certified');
    expect(overallVerdict(['certified', 'incomplete'])).to.equal('incomplete');
    expect(overallVerdict(['incomplete', 'error'])).to.equal('error');
    expect(overallVerdict(['certified', 'error'])).to.equal('error');
    expect(overallVerdict(['error', 'not-certified'])).to.equal('not-certified');
    expect(overallVerdict([])).to.equal('error');
  });

  it('a pass of fewer MUST checks than the whole catalogue is passed-partial (exit 0), never certified', () => {
    const checks = [check({}), check({ id: 'PL-T-002', status: 'skipped', notApplicable: true })];
    const partial = judgeGateway(checks, false, { mustTotal: 3, selection: '--only PL-T-*' });
    expect(partial.verdict).to.equal('passed-partial');
    expect(partial.judged).to.deep.equal({ must: 2, mustTotal: 3, notApplicable: ['PL-T-002'] });
    expect(partial.statement).to.equal('2 of 3 MUST checks judged; not a certification (--only PL-T-*)');
    expect(exitCodeOf('passed-partial')).to.equal(0);
    const whole = judgeGateway(checks, false, { mustTotal: 2 });
    expect(whole.verdict).to.equal('certified');
    expect(whole.statement).to.equal(
      'all 2 MUST checks judged (1 not applicable under the declared capabilities, named in results.json)',
    );
    // A failure within the selection is still a failure; an unjudged check still makes it incomplete.
    expect(judgeGateway([check({ status: 'failed' })], false, { mustTotal: 9 }).verdict).to.equal(
      'not-certified',
    );
    expect(judgeGateway([check({}), check({ status: 'error' })], false, { mustTotal: 9 }).verdict).to.equal(
      'incomplete',
    );
  });

  it('a gateway run whose scope is not recorded cannot stay certified when re-judged', () => {
    const r = recompute({
      format: 'paycert-results/1',
      tool: { name: 'paycert', version: '0' },
      profileVersion: '1',
      runId: 'x',
      command: 'run',
      startedAt: new Date(0).toISOString(),
      durationMs: 0,
      verdict: 'certified',
      gateways: [{ gateway: 'payloco', target: 't', verdict: 'certified', summary: summarize([]) }],
      summary: summarize([]),
      checks: [check({})],
    });
    expect(r.verdict).to.equal('passed-partial');
    expect(r.gateways[0]!.statement).to.equal('scope not recorded; not a certification');
  });

  it('RANK orders the verdicts from worst to best; the run takes the worst', () => {
    expect(RANK).to.deep.equal([
      'interrupted',
      'not-certified',
      'error',
      'incomplete',
      'passed-partial',
      'certified',
    ]);
    expect(worseVerdict('certified', 'passed-partial')).to.equal('passed-partial');
    expect(overallVerdict(['certified', 'passed-partial'])).to.equal('passed-partial');
    expect(overallVerdict(['incomplete', 'passed-partial'])).to.equal('incomplete');
    expect(overallVerdict(['not-certified', 'interrupted'])).to.equal('interrupted');
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
