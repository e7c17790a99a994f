import { expect } from 'chai';
import { largeResults } from '../../test/fixtures/results/large.js';
import { colourEnabled } from './colour.js';
import { RunReporter } from './reporter.js';

/** A stream that keeps what is written, as a log or a terminal would show it. */
function sink(isTTY = false) {
  const stream = {
    isTTY,
    columns: 80,
    text: '',
    write(s: string) {
      stream.text += s;
      return true;
    },
  };
  return stream;
}

describe('console reporter (issue 23)', () => {
  it('a failing run of 10 000 checks fits in 40 lines off a terminal and names every failing MUST', () => {
    const results = largeResults();
    const out = sink();
    const reporter = new RunReporter('normal', out as never, out as never, {});
    reporter.opening([
      { gateway: 'lesspay', target: 'https://sandbox.example.com', selected: 10_000, of: 10_000 },
    ]);
    for (const c of results.checks) reporter.result(c);
    reporter.finish(results, 'reports/index.html');
    const lines = out.text.trimEnd().split('\n');
    expect(lines.length).to.be.at.most(40);
    const named = lines.find((l) => l.startsWith('  failing MUST: '))!;
    for (const c of results.checks.filter((x) => x.status === 'failed' && x.level === 'MUST'))
      expect(named).to.include(c.id);
    expect(lines).to.include(
      'FAIL LP-CO-001 MUST L6: a long generated title for LP-CO-001 that says what the check judges in plain words — code of a valid cashier create: expected 0, received 10 (and 4000 checks that needed it)',
    );
    expect(out.text).not.to.include('\r');
  });

  it('on a terminal the progress line is rewritten in place and cleared before the summary', () => {
    const results = largeResults(5000);
    const out = sink(true);
    const reporter = new RunReporter('normal', out as never, out as never, {});
    reporter.opening([{ gateway: 'lesspay', target: 'x', selected: 5000, of: 5000 }]);
    for (const c of results.checks) reporter.result(c);
    expect(out.text.endsWith(`\r${String.fromCharCode(27)}[2K5000/5000 checks, 501 failed`)).to.equal(true);
    reporter.finish(results);
    expect(out.text.split('\n').filter((l) => l.includes('checks, ')).length).to.equal(1);
  });

  it('colour follows FORCE_COLOR and NO_COLOR', () => {
    const tty = { isTTY: true, hasColors: () => true };
    expect(colourEnabled(tty, {})).to.equal(true);
    expect(colourEnabled(tty, { NO_COLOR: '1' })).to.equal(false);
    expect(colourEnabled({ isTTY: false }, {})).to.equal(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).to.equal(true);
    expect(colourEnabled(tty, { FORCE_COLOR: '0' })).to.equal(false);
  });
});
