import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { cliArgs, runCli } from './run-cli.js';

// Issue 23: a console that CI and people read at a glance, through the real binary.

const dir = mkdtempSync(join(tmpdir(), 'paycert-console-'));
let n = 0;
const reportDir = () => join(dir, `r${n++}`);
const lines = (text: string) => text.split('\n');
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);

/** A failing run: a refused valid create leaves every check that needs an order not judged. */
const failing = ['run', 'lesspay', '--mock-fault', '500-on-valid-request'];

describe('paycert run console (issue 23)', function () {
  this.timeout(120_000);

  it('opens with the target and the checks selected, shows failures once per root cause and names every failing MUST', async () => {
    const d = reportDir();
    const out = await runCli([...failing, '--report-dir', d]);
    expect(out.code, out.stderr).to.equal(1);
    const text = lines(out.stdout);
    expect(text[0]).to.match(
      /^lesspay: http:\/\/127\.0\.0\.1:\d+ \(bundled mock, variant a, fault 500-on-valid-request\) — (\d+) of \1 checks selected$/,
    );
    // No line per passing check outside --verbose.
    expect(out.stdout).not.to.match(/^PASS /m);
    const results = JSON.parse(readFileSync(join(d, 'results.json'), 'utf8'));
    const blocked = results.checks.filter(
      (c: { level: string; blockedBy?: { check?: string } }) =>
        c.level === 'MUST' && c.blockedBy?.check === 'LP-CO-001',
    );
    expect(blocked.length).to.be.greaterThan(10);
    const root = text.filter((l) => l.startsWith('FAIL LP-CO-001 '));
    expect(root).to.have.length(1);
    expect(root[0]).to.match(/and \d+ checks that needed it\)$/);
    // The checks it blocked are not listed one by one.
    expect(text.filter((l) => l.includes('LP-QO-013'))).to.have.length(0);
    const mustFailing = results.checks
      .filter((c: { status: string; level: string }) => c.status === 'failed' && c.level === 'MUST')
      .map((c: { id: string }) => c.id);
    const named = text.find((l) => l.startsWith('  failing MUST: '))!;
    for (const id of mustFailing) expect(named).to.include(id);
    expect(text).to.include(
      `  not judged: ${blocked.length} checks that needed LP-CO-001 (failed): ${blocked
        .slice(0, 5)
        .map((c: { id: string }) => c.id)
        .join(', ')} … and ${blocked.length - 5} more`,
    );
    expect(out.stdout).not.to.match(ANSI);
  });

  it('--verbose prints every check; --quiet only the summary with the failing IDs', async () => {
    const verbose = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-00*',
      '--verbose',
      '--report-dir',
      reportDir(),
    ]);
    expect(verbose.code, verbose.stderr).to.equal(0);
    expect(lines(verbose.stdout).filter((l) => l.startsWith('PASS '))).to.have.length(9);
    const quiet = await runCli([...failing, '--quiet', '--report-dir', reportDir()]);
    expect(quiet.code).to.equal(1);
    expect(quiet.stdout).not.to.match(/^(FAIL|lesspay: http)/m);
    expect(quiet.stdout).to.match(/^ {2}failing MUST: LP-CO-001, /m);
    expect(quiet.stdout).to.match(/^verdict: not-certified \(\d+ failing checks\)$/m);
  });

  it('colour: off in a pipe, on with FORCE_COLOR, off with FORCE_COLOR=0', async () => {
    const on = await runCli([...failing, '--quiet', '--report-dir', reportDir()], { FORCE_COLOR: '1' });
    expect(on.stdout).to.match(ANSI);
    const off = await runCli([...failing, '--quiet', '--report-dir', reportDir()], {
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    });
    expect(off.stdout).not.to.match(ANSI);
  });

  it("`paycert run | head -1` ends with the run's own exit code and no stack trace", async () => {
    const script = `node ${cliArgs.map((a) => `'${a}'`).join(' ')} run lesspay --mock-fault 500-on-valid-request --verbose --report-dir '${reportDir()}' | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const out = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b) => (stdout += b));
      child.stderr.on('data', (b) => (stderr += b));
      child.on('close', () => resolve({ stdout, stderr }));
    });
    expect(out.stdout.trim().split('\n')).to.have.length(1);
    expect(out.stderr).not.to.match(/EPIPE|\n\s+at /);
    expect(out.stderr).to.match(/exit=1$/m);
  });

  it('--format json writes a compact summary to stdout, the lines for people to stderr', async () => {
    const out = await runCli([...failing, '--format', 'json', '--report-dir', reportDir()]);
    expect(out.code).to.equal(1);
    const doc = JSON.parse(out.stdout);
    expect(doc.format).to.equal('paycert-summary/1');
    expect(doc.verdict).to.equal('not-certified');
    expect(doc.gateways[0].failing.map((f: { id: string }) => f.id)).to.include('LP-CO-001');
    expect(out.stderr).to.match(/^verdict: not-certified/m);
    const full = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-001',
      '--format',
      'json-full',
      '--report-dir',
      reportDir(),
    ]);
    expect(JSON.parse(full.stdout).format).to.equal('paycert-results/1');
  });

  it('--baseline --fail-on new: old failures pass the gate, a new one fails it (exit code, console, JUnit)', async () => {
    const base = reportDir();
    const first = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-*',
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--report-dir',
      base,
    ]);
    expect(first.code).to.equal(1);
    const baseline = join(base, 'results.json');
    const same = reportDir();
    const again = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-*',
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--baseline',
      baseline,
      '--fail-on',
      'new',
      '--report-dir',
      same,
    ]);
    expect(again.code, again.stdout).to.equal(0);
    expect(again.stdout).to.match(/^baseline \S+: 0 new failures, 0 fixed, 1 still failing$/m);
    expect(again.stdout).to.match(
      /^verdict: not-certified \(1 failing check; --fail-on new: no new failures, the run passes\)$/m,
    );
    const junit = new XMLParser({ ignoreAttributes: false }).parse(
      readFileSync(join(same, 'junit.xml'), 'utf8'),
    );
    expect(junit.testsuites['@_failures']).to.equal('0');
    // Any failure still fails the run without --fail-on new.
    const any = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-*',
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--baseline',
      baseline,
      '--report-dir',
      reportDir(),
    ]);
    expect(any.code).to.equal(1);
    const other = reportDir();
    const worse = await runCli([
      'run',
      'lesspay',
      '--only',
      'LP-QO-*',
      '--mock-fault',
      'query-msg-time-wrong',
      '--baseline',
      baseline,
      '--fail-on',
      'new',
      '--report-dir',
      other,
    ]);
    expect(worse.code).to.equal(1);
    const gate = JSON.parse(readFileSync(join(other, 'results.json'), 'utf8')).gate;
    expect(gate.new.length).to.be.greaterThan(0);
    expect(gate.fixed).to.include('LP-QO-004');
    expect(worse.stdout).to.include(`(${gate.new.join(', ')})`);
    const wj = readFileSync(join(other, 'junit.xml'), 'utf8');
    expect(wj).to.include('new failure: ');
    expect(wj).to.include('<property name="baseline" value="fixed"/>');
  });

  it('paycert report merges shards and gates them against a baseline the same way', async () => {
    const fault = ['--only', 'LP-QO-*', '--mock-fault', 'query-msg-not-found-wrong'];
    const base = reportDir();
    await runCli(['run', 'lesspay', ...fault, '--report-dir', base]);
    const shards = [reportDir(), reportDir()];
    // The shards of one run share its id (issue 21: report refuses shards of different runs).
    for (const [i, d] of shards.entries())
      await runCli([
        'run',
        'lesspay',
        ...fault,
        '--shard',
        `${i + 1}/2`,
        '--run-id',
        'console-gate',
        '--report-dir',
        d,
      ]);
    const merged = reportDir();
    const out = await runCli([
      'report',
      ...shards.map((d) => join(d, 'results.json')),
      '-o',
      merged,
      '--baseline',
      join(base, 'results.json'),
      '--fail-on',
      'new',
    ]);
    expect(out.code, out.stdout + out.stderr).to.equal(0);
    expect(out.stdout).to.match(/^baseline \S+: 0 new failures, 0 fixed, 1 still failing$/m);
    expect(JSON.parse(readFileSync(join(merged, 'results.json'), 'utf8')).gate.still).to.deep.equal([
      'LP-QO-004',
    ]);
  });

  it('--fail-on new without --baseline is refused in one line', async () => {
    const out = await runCli(['run', 'lesspay', '--fail-on', 'new', '--report-dir', reportDir()]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      'paycert: --fail-on new compares with a baseline: give --baseline results.json of an earlier run\n',
    );
  });
});
