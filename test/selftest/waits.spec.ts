import { expect } from 'chai';
import { certifyMock } from './certify-mock.js';

// Issue 12: waiting never blocks the rest. A target whose test payouts never settle and that has no triggerNotify
// costs the run its webhook wait once, alongside the other checks, with a console line saying what it awaits; a
// target that settles payouts but calls back only when asked gets asked through triggerNotify.

const PAYOUT_CHECKS = ['LP-WH-007', 'LP-WH-008', 'LP-WH-009'];
const WAIT_MS = 3000;

describe('self-test · waiting for callbacks', function () {
  this.timeout(60_000);

  it('payouts that never settle, no triggerNotify: skipped with the reason, within the other checks plus the wait', async () => {
    // The hand-written checks only, and a wait long enough that they end before it even on a loaded machine: the
    // "only waits remain" line is said when the other checks are done and the wait is not.
    const NEVER_MS = 8000;
    const handWritten = (e: { id: string }) => !e.id.includes('-GEN-');
    const said: string[] = [];
    const baseline = await certifyMock(
      'lesspay',
      {},
      { webhooks: { waitMs: NEVER_MS }, selects: handWritten },
    );
    const results = await certifyMock(
      'lesspay',
      { payoutsSettle: false, triggerNotify: false },
      { webhooks: { waitMs: NEVER_MS }, say: (line) => said.push(line), selects: handWritten },
    );
    for (const c of results.checks) {
      if (PAYOUT_CHECKS.includes(c.id)) {
        expect(c.status, c.id).to.equal('skipped');
        expect(c.message).to.match(
          /the payout is still "PENDING_CONFIRM" after 8000 ms: it did not reach a final state/,
        );
      } else expect(c.status, `${c.id}: ${c.message}`).to.equal('passed');
    }
    expect(said.join('\n')).to.match(
      /only waits remain: the Lesspay payout callback \(or its final state\) \(at most \d s more\)/,
    );
    // The bound of the issue: the other checks plus one wait (2 s of slack for a loaded machine); not a benchmark.
    expect(results.durationMs).to.be.at.most(baseline.durationMs + NEVER_MS + 2000);
  });

  it('payouts that settle without calling back: the callback is asked for with triggerNotify and judged', async () => {
    const results = await certifyMock(
      'lesspay',
      { payoutCallbacks: false },
      { webhooks: { waitMs: WAIT_MS }, selects: (e) => PAYOUT_CHECKS.includes(e.id) },
    );
    for (const c of results.checks) {
      expect(c.status, `${c.id}: ${c.message}`).to.equal('passed');
      expect(c.message).to.include(
        'the payout callback was asked for with POST /api/global/payout/triggerNotify',
      );
    }
  });

  it('payouts that settle without calling back, and no triggerNotify: the missing callback fails', async () => {
    const results = await certifyMock(
      'lesspay',
      { payoutCallbacks: false, triggerNotify: false },
      { webhooks: { waitMs: WAIT_MS }, selects: (e) => PAYOUT_CHECKS.includes(e.id) },
    );
    for (const c of results.checks) {
      expect(c.status, c.id).to.equal('failed');
      expect(c.message).to.match(/no callback reached notify_url within 3000 ms/);
    }
  });
});
