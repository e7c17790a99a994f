import { expect } from 'chai';
import { mergeResults } from '../report/merge.js';
import { resultsDocument, startRun } from './head.js';
import type { Check, Results } from './results.js';
import { exitCodeOf, interrupted, overallVerdict, recompute } from './verdict.js';

// Issue 21: a run a signal stopped is `interrupted`, whatever the checks it judged before say, in every place the
// verdict is computed again (recompute, the shard merger).

const check = (id: string): Check => ({
  id,
  gateway: 'lesspay',
  title: 't',
  level: 'MUST',
  reading: 'L1',
  status: 'passed',
  durationMs: 1,
});

function run(checks: Check[]): Results {
  return resultsDocument(startRun(), {
    command: 'run',
    strict: false,
    gateways: [
      {
        gateway: 'lesspay',
        target: 'http://127.0.0.1:1',
        targetKind: 'embedded-mock',
        verdict: 'certified',
        summary: { total: 0, passed: 0, failed: 0, skipped: 0, error: 0 },
      },
    ],
    checks,
  });
}

describe('core verdict rule · interrupted', () => {
  it('a run stopped by a signal is interrupted, every gateway too, though every check it judged passed', () => {
    const r = interrupted(run([check('LP-A-001'), check('LP-A-002')]), 'SIGTERM');
    expect(r.verdict).to.equal('interrupted');
    expect(r.gateways.map((g) => g.verdict)).to.deep.equal(['interrupted']);
    expect(r.interrupted?.signal).to.equal('SIGTERM');
    expect(r.summary.passed).to.equal(2);
    // recompute (as `paycert report` does) keeps it interrupted.
    expect(recompute(r).verdict).to.equal('interrupted');
  });

  it('interrupted wins over every other gateway verdict, and re-rendered it exits 1 (never 0)', () => {
    expect(overallVerdict(['certified', 'interrupted'])).to.equal('interrupted');
    expect(overallVerdict(['not-certified', 'interrupted'])).to.equal('interrupted');
    expect(exitCodeOf('interrupted', true)).to.equal(1);
  });

  it('a shard set with one interrupted part merges as interrupted', () => {
    const whole = run([check('LP-A-001')]);
    const part = interrupted(run([check('LP-A-002')]), 'SIGINT');
    const merged = mergeResults([whole, part], { allowPartial: true });
    expect(merged.verdict).to.equal('interrupted');
    expect(merged.interrupted?.signal).to.equal('SIGINT');
  });
});
