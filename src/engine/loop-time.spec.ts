import { expect } from 'chai';
import { afterLoopTime } from './loop-time.js';

/** Keeps the event loop busy for `ms`, as a loaded machine or the run's other checks do. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {}
}

describe('loop time', () => {
  it('passes like wall time while the event loop is free', async () => {
    const started = Date.now();
    await afterLoopTime(100, new AbortController().signal);
    expect(Date.now() - started).to.be.at.least(100);
  });

  it('does not count the time the event loop was held up', async () => {
    const started = Date.now();
    const window = afterLoopTime(100, new AbortController().signal);
    block(300);
    await window;
    // A wall-time window of 100 ms would have ended as the loop came free, at 300 ms.
    expect(Date.now() - started).to.be.at.least(350);
  });

  it('ends at once when its signal aborts', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const window = afterLoopTime(60_000, stop.signal);
    stop.abort();
    await window;
    expect(Date.now() - started).to.be.below(30_000);
    await afterLoopTime(60_000, stop.signal);
  });
});
