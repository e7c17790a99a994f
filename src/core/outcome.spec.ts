import { expect } from 'chai';
import { resultsDocument, startRun } from './head.js';
import {
  CheckError,
  CheckFailure,
  CheckSkipped,
  outcomeOf,
  outcomeOfRun,
  passedOutcome,
  SetupError,
} from './outcome.js';
import { registerSecret } from './redact.js';

describe('core: the outcome classifier', () => {
  it('a CheckFailure is failed, with what was expected and received', () => {
    expect(outcomeOf(new CheckFailure('amount differs', 100, 99))).to.deep.equal({
      status: 'failed',
      message: 'amount differs',
      expected: 100,
      received: 99,
    });
  });

  it('caps a huge received value to a note and redacts registered secrets in it', () => {
    registerSecret('s3cr3t-value-for-outcome');
    const o = outcomeOf(new CheckFailure('x', { token: 's3cr3t-value-for-outcome' }, 'y'.repeat(10_000)));
    expect(JSON.stringify(o.expected)).not.to.contain('s3cr3t-value-for-outcome');
    expect(o.received)
      .to.be.a('string')
      .and.match(/… \(10002 characters\)$/);
  });

  it('tells outcomes apart by name, so a second copy of the classes still counts', () => {
    const foreign = Object.assign(new Error('no'), {
      name: 'CheckSkipped',
      reason: 'no',
      notApplicable: true,
    });
    expect(outcomeOf(foreign)).to.deep.equal({ status: 'skipped', message: 'no', notApplicable: true });
    const transport = Object.assign(new Error('refused'), { name: 'TransportError' });
    expect(outcomeOf(transport)).to.deep.equal({ status: 'error', message: 'transport: refused' });
  });

  it('a setup error is an error; anything else is a check error, never passed', async () => {
    expect(outcomeOf(new SetupError('no order'))).to.deep.equal({
      status: 'error',
      message: 'no order',
      blockedBy: { reason: 'no order' },
    });
    // The check that judges the missing precondition travels with the error: its root cause.
    expect(outcomeOf(new SetupError('create refused', 'LP-CO-001')).blockedBy).to.deep.equal({
      check: 'LP-CO-001',
      reason: 'create refused',
    });
    expect(outcomeOf(new TypeError('boom'))).to.deep.equal({ status: 'error', message: 'check error: boom' });
    // A runner that states the whole reason (pact: the target unreachable) keeps its words, with no root cause.
    expect(outcomeOf(new CheckError('target unreachable: ECONNREFUSED'))).to.deep.equal({
      status: 'error',
      message: 'target unreachable: ECONNREFUSED',
    });
    expect(passedOutcome()).to.deep.equal({ status: 'passed' });
    expect(await outcomeOfRun(async () => {})).to.deep.equal({ status: 'passed' });
    expect((await outcomeOfRun(async () => Promise.reject(new CheckSkipped('later')))).status).to.equal(
      'skipped',
    );
  });
});

describe('core: the results head', () => {
  it('names a run by its UTC start and a six-digit tag, and judges it from its gateways', () => {
    const clock = startRun();
    expect(clock.runId).to.match(/^\d{8}T\d{6}-[0-9A-F]{6}$/);
    expect(clock.runId.endsWith(clock.runTag)).to.equal(true);
    const doc = resultsDocument(clock, { command: 'verify', strict: false, gateways: [], checks: [] });
    expect(doc).to.include({
      format: 'paycert-results/1',
      runId: clock.runId,
      command: 'verify',
      verdict: 'error',
    });
    expect(doc.shard).to.equal(null);
  });
});
