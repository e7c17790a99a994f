import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { contractFile } from '../../src/pact/contract.js';
import { runCli } from './run-cli.js';

// Issue 16: output that explains itself, one line per problem, through the real binary.

const dir = mkdtempSync(join(tmpdir(), 'paycert-output-'));
let n = 0;
const reportDir = () => join(dir, `r${n++}`);
const lines = (text: string) => text.split('\n');

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

let closedUrl = '';
before(async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));
});

describe('paycert output explains itself', function () {
  this.timeout(60_000);

  it('a known deviation is named on the console next to the verdict it kept', async () => {
    const known = file(
      'known.json',
      JSON.stringify({ deviations: [{ check: 'LP-QO-004', reason: 'vendor ticket 42' }] }),
    );
    const out = await runCli([
      'run',
      'lesspay',
      '--quiet',
      '--only',
      'LP-QO-*',
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--deviations',
      known,
      '--report-dir',
      reportDir(),
    ]);
    expect(out.code, out.stderr).to.equal(0);
    expect(lines(out.stdout)).to.include('  known deviation: LP-QO-004 failed, excused (vendor ticket 42)');
    expect(lines(out.stdout).find((l) => l.startsWith('verdict: '))).to.match(
      /^verdict: passed-partial \(\d+ of \d+ MUST checks judged; not a certification \(--only LP-QO-\*\)\)$/,
    );
  });

  it('a stale deviation is named as the reason of NOT-CERTIFIED', async () => {
    const stale = file(
      'stale.json',
      JSON.stringify({ deviations: [{ check: 'LP-QO-004', reason: 'fixed long ago' }] }),
    );
    const out = await runCli([
      'run',
      'lesspay',
      '--quiet',
      '--only',
      'LP-QO-*',
      '--deviations',
      stale,
      '--report-dir',
      reportDir(),
    ]);
    expect(out.code).to.equal(1);
    expect(lines(out.stdout)).to.include(
      '  stale deviation: LP-QO-004 passes now; remove it from the deviations file (fixed long ago)',
    );
    expect(lines(out.stdout).find((l) => l.startsWith('lesspay: '))).to.match(
      /^lesspay: NOT-CERTIFIED — \d+ passed, 0 failed/,
    );
  });

  it('a failure reads "expected X, received Y" with the expected value first', async () => {
    const out = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-016',
      '--mock-fault',
      'query-wrong-amount',
      '--report-dir',
      reportDir(),
    ]);
    expect(out.code).to.equal(1);
    expect(lines(out.stdout)).to.include(
      "FAIL LP-QO-016 MUST L8: a found order's amount is the created target_amount, as the same string — amount (target_amount) of the found order: expected '100.50', received '10050'",
    );
  });

  it('an unreachable target is one line on stderr, and the summary has no "0 error" next to it', async () => {
    const out = await runCli(['run', 'lesspay', '--base-url', closedUrl, '--report-dir', reportDir()], {
      LESSPAY_APP_ID: 'app',
      LESSPAY_APP_SECRET: 'paycert-output-secret',
    });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(
      new RegExp(`^paycert: ${closedUrl} is unreachable: connection refused[^\\n]*\\n$`),
    );
    expect(lines(out.stdout)).to.include(`lesspay: ERROR — not judged — ${closedUrl}`);
    expect(out.stdout).not.to.include('unreachable');
  });

  it('--mock-fault with --base-url is refused, not ignored', async () => {
    const out = await runCli(
      ['run', 'lesspay', '--base-url', closedUrl, '--mock-fault', 'query-wrong-amount'],
      {
        LESSPAY_APP_ID: 'app',
        LESSPAY_APP_SECRET: 'paycert-output-secret',
      },
    );
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      'paycert: --mock-fault changes the bundled mock; it cannot apply to a target given by --base-url\n',
    );
  });

  it('an unknown --mock-fault is one short line, like serve --fault', async () => {
    const out = await runCli(['run', 'lesspay', '--mock-fault', 'nope']);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      'paycert: unknown fault "nope" for lesspay: see paycert serve lesspay --list-faults\n',
    );
    const other = await runCli(['run', '--mock-fault', 'query-msg-not-found-wrong']);
    expect(other.stderr).to.equal(
      'paycert: fault "query-msg-not-found-wrong" is a lesspay fault: paycert run lesspay --mock-fault query-msg-not-found-wrong\n',
    );
  });

  it('a results file that is not JSON is one whole line, without an excerpt of the file', async () => {
    const bad = file('bad.json', `{"checks": ${'Zk9vQmFy'.repeat(40)}}`);
    const out = await runCli(['report', bad]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      `paycert: results file ${bad} is not valid JSON: unexpected "Z" where a JSON value was expected\n`,
    );
  });

  it('report -o DIR writes DIR/index.html, not a file named like the folder', async () => {
    const run = reportDir();
    await runCli(['run', 'lesspay', '--quiet', '--only', 'LP-QO-00*', '--report-dir', run]);
    const out = await runCli(['report', join(run, 'results.json'), '-o', join(dir, 'rendered')]);
    expect(out.code, out.stderr).to.equal(0);
    expect(existsSync(join(dir, 'rendered', 'index.html'))).to.equal(true);
    expect(lines(out.stdout)).to.include(`report: ${join(dir, 'rendered', 'index.html')}`);
  });
});

describe('paycert verify refuses what it cannot verify', function () {
  this.timeout(60_000);

  it('a pact for another provider is refused, not relabelled', async () => {
    const out = await runCli([
      'verify',
      'lesspay',
      '--pact',
      contractFile('payloco'),
      '--report-dir',
      reportDir(),
    ]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      `paycert: pact file ${contractFile('payloco')} is for provider "payloco", not lesspay: verify it with the gateway it names\n`,
    );
  });

  it('a pact that is not JSON is one line, exit 2 (not "internal error")', async () => {
    const bad = file('pact.json', 'interactions: []');
    const out = await runCli(['verify', 'lesspay', '--pact', bad, '--report-dir', reportDir()]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      `paycert: pact file ${bad} is not valid JSON: unexpected "i" where a JSON value was expected\n`,
    );
  });

  it('an unreachable base URL says connection refused, once (not 200 lines of "expected 200 but was 502")', async () => {
    const out = await runCli(['verify', 'lesspay', '--base-url', closedUrl, '--report-dir', reportDir()], {
      LESSPAY_APP_ID: 'app',
      LESSPAY_APP_SECRET: 'paycert-output-secret',
    });
    expect(out.code).to.equal(2);
    expect(out.stdout).to.equal('');
    expect(out.stderr).to.match(
      new RegExp(`^paycert: ${closedUrl} is unreachable: connection refused[^\\n]*\\n$`),
    );
  });

  it("--quiet prints only paycert's own lines; the verifier's report goes to a file, without colours", async () => {
    const d = reportDir();
    const out = await runCli(['verify', 'lesspay', '--quiet', '--report-dir', d]);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout.trim().split('\n')).to.deep.equal([
      `lesspay: CERTIFIED — 9 passed, 0 failed, 0 skipped, 0 error (MUST failing: 0, MUST not judged: 0, SHOULD failing: 0) — ${out.stdout.match(/http:\/\/127\.0\.0\.1:\d+/)![0]}`,
      out.stdout.match(/9 passed, 0 failed, 0 skipped, 0 error in \d+ ms/)![0],
      'verdict: certified',
      `report: ${join(d, 'index.html')}`,
      `verifier report: ${join(d, 'pact-verifier.log')}`,
    ]);
    const log = readFileSync(join(d, 'pact-verifier.log'), 'utf8');
    expect(log).to.include('Verifying a pact between paycert-lesspay-client and lesspay');
    expect(log).not.to.include(String.fromCharCode(27));
  });
});
