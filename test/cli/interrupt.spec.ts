import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli, spawnCli } from './run-cli.js';

// Issue 21, through the real binary: an interrupted run leaves an honest trace (verdict interrupted, exit 130/143,
// no child left behind, no older report passing for this one), a report folder holds one run at a time, and a
// broken sandbox or a silent client is a setup error (exit 2), never the client's failed check.

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout matches. */
  waitFor: (re: RegExp, ms?: number) => Promise<void>;
  /** Resolves with the exit code (or the signal that killed it). */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawnCli(args, env);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (re: RegExp, ms = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + ms;
      const poll = () => {
        if (re.test(out)) return resolve();
        if (child.exitCode !== null || Date.now() > deadline)
          return reject(new Error(`never printed ${re}: ${out.slice(-400)} ${err}`));
        setTimeout(poll, 50);
      };
      poll();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, ended };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // The command name may hold spaces and parentheses: the parent pid is the 2nd field after the last ')'.
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until<T>(get: () => T | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));

describe('paycert · interrupted runs, one run per report folder, blame where it belongs (issue 21)', function () {
  this.timeout(120_000);
  let dir: string;
  let closedUrl: string;
  const started: Running[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-interrupt-'));
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
  });
  afterEach(() => {
    for (const r of started.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], env?: NodeJS.ProcessEnv) => {
    const r = start(args, env);
    started.push(r);
    return r;
  };

  it('SIGINT in the middle of `run` exits 130 and writes what was judged as verdict interrupted; the older report is gone', async () => {
    const reportDir = join(dir, 'run-sigint');
    mkdirSync(reportDir);
    // An earlier run's report in the folder: it must not survive as if it were this run's.
    writeFileSync(join(reportDir, 'results.json'), '{"verdict":"certified","runId":"OLD"}\n');
    writeFileSync(join(reportDir, 'index.html'), '<p>CERTIFIED (old)</p>');
    const r = run(['run', 'lesspay', '--verbose', '--rate', '5', '--report-dir', reportDir]);
    await r.waitFor(/^PASS /m);
    r.child.kill('SIGINT');
    const { code } = await r.ended;
    expect(code, r.stderr()).to.equal(130);
    expect(r.stderr()).to.equal(
      'paycert: interrupted by SIGINT: stopping, then writing what was judged so far\n',
    );
    const lines = r.stdout().trimEnd().split('\n');
    expect(lines.at(-2)).to.match(
      /^verdict: interrupted \(stopped by SIGINT after \d+ checks? judged; not a certification\)$/,
    );
    expect(lines.at(-1)).to.equal(`report: ${join(reportDir, 'index.html')}`);
    expect(lines).to.satisfy((ls: string[]) => ls.some((l) => /^lesspay: INTERRUPTED — \d+ passed/.test(l)));
    const res = results(reportDir);
    expect(res.verdict).to.equal('interrupted');
    expect(res.runId).not.to.equal('OLD');
    expect(res.interrupted.signal).to.equal('SIGINT');
    expect(res.gateways.map((g: { verdict: string }) => g.verdict)).to.deep.equal(['interrupted']);
    expect(res.checks.length).to.be.greaterThan(0);
    expect(readFileSync(join(reportDir, 'index.html'), 'utf8')).to.include('INTERRUPTED');
    expect(readFileSync(join(reportDir, 'junit.xml'), 'utf8')).to.match(/<testsuites/);
    // Written atomically, lock released: no temporary file, no lock left in the folder.
    expect(readdirSync(reportDir).sort()).to.deep.equal([
      'coverage.json',
      'index.html',
      'junit.xml',
      'results.json',
    ]);
    // Rendered again later, it stays interrupted and is no certification (exit 1).
    const again = await runCli([
      'report',
      join(reportDir, 'results.json'),
      '-o',
      join(dir, 'run-sigint-again'),
    ]);
    expect(again.code).to.equal(1);
    expect(again.stdout).to.match(/^verdict: interrupted \(stopped by SIGINT after \d+ checks? judged/m);
  });

  it('SIGTERM to `audit` ends the client command with its whole process group (exit 143, verdict interrupted)', async () => {
    const reportDir = join(dir, 'audit-sigterm');
    const pids = join(dir, 'audit-pids');
    // The client: starts a grandchild (as a test runner starts workers), makes one request, then keeps running.
    const client = [
      "const { spawn } = require('node:child_process');",
      "const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      `require('node:fs').writeFileSync(${JSON.stringify(pids)}, process.pid + ' ' + g.pid);`,
      "fetch(process.env.LESSPAY_BASE_URL + '/api/global/v1/pay/query-order', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })",
      "  .then(() => console.log('client: request made'));",
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const r = run(['audit', 'lesspay', '--report-dir', reportDir, '--', process.execPath, '-e', client]);
    await r.waitFor(/^client: request made$/m);
    const [clientPid, grandchildPid] = readFileSync(pids, 'utf8').split(' ').map(Number) as [number, number];
    expect(alive(clientPid) && alive(grandchildPid)).to.equal(true);
    r.child.kill('SIGTERM');
    const { code } = await r.ended;
    expect(code, r.stderr()).to.equal(143);
    expect(r.stderr()).to.equal(
      'paycert: interrupted by SIGTERM: stopping, then writing what was judged so far\n',
    );
    // No orphan: the command and what it started are gone, not re-parented to PID 1.
    expect(alive(clientPid), 'client command still running').to.equal(false);
    expect(alive(grandchildPid), 'grandchild still running').to.equal(false);
    expect(r.stdout()).to.match(
      /^verdict: interrupted \(stopped by SIGTERM after \d+ checks judged; not a certification\)$/m,
    );
    const res = results(reportDir);
    expect(res.command).to.equal('audit');
    expect(res.verdict).to.equal('interrupted');
    expect(res.interrupted.signal).to.equal('SIGTERM');
    // What the client sent before the signal was judged.
    expect(res.checks.some((c: { status: string }) => c.status !== 'skipped')).to.equal(true);
  });

  it('`audit` leaves nothing of the client command running after it ends (its process group is ended)', async () => {
    const reportDir = join(dir, 'audit-leftover');
    const pids = join(dir, 'leftover-pid');
    const client = [
      "const { spawn } = require('node:child_process');",
      "const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      'g.unref();',
      `require('node:fs').writeFileSync(${JSON.stringify(pids)}, String(g.pid));`,
      "fetch(process.env.LESSPAY_BASE_URL + '/api/global/v1/pay/query-order', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })",
      '  .finally(() => process.exit(0));',
    ].join('\n');
    const out = await runCli([
      'audit',
      'lesspay',
      '--quiet',
      '--report-dir',
      reportDir,
      '--',
      process.execPath,
      '-e',
      client,
    ]);
    expect(out.code, out.stderr).to.be.oneOf([0, 1]);
    const leftover = Number(readFileSync(pids, 'utf8'));
    await until(() => (alive(leftover) ? undefined : true), 3000, 'the leftover process to end').catch(
      () => {},
    );
    expect(alive(leftover), 'a process the client started is still running').to.equal(false);
  });

  it('SIGINT to `verify` ends the Pact verifier process and writes an interrupted report (exit 130)', async () => {
    const reportDir = join(dir, 'verify-sigint');
    const r = run(['verify', 'lesspay', '--quiet', '--report-dir', reportDir]);
    // The verifier is the child running verify-child (under tsx, esbuild's service is a child too).
    const verifier = await until(
      () =>
        childrenOf(r.child.pid!).find((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('verify-child');
          } catch {
            return false;
          }
        }),
      30_000,
      'the verifier process',
    );
    r.child.kill('SIGINT');
    const { code } = await r.ended;
    expect(code, r.stderr()).to.equal(130);
    expect(alive(verifier), 'the verifier process is still running').to.equal(false);
    expect(r.stdout()).to.match(
      /^verdict: interrupted \(stopped by SIGINT after 0 checks judged; not a certification\)$/m,
    );
    const res = results(reportDir);
    expect(res.command).to.equal('verify');
    expect(res.verdict).to.equal('interrupted');
    expect(res.checks).to.deep.equal([]);
  });

  it('SIGTERM to `webhook-test` writes the handler checks judged so far as verdict interrupted (exit 143)', async () => {
    // A handler that acknowledges everything, slowly: the run is still going when the signal comes.
    const handler = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('SUCCESS'), 300);
    });
    await new Promise<void>((ok) => handler.listen(0, '127.0.0.1', ok));
    try {
      const reportDir = join(dir, 'webhook-sigterm');
      const r = run(
        [
          'webhook-test',
          'lesspay',
          '--verbose',
          '--report-dir',
          reportDir,
          '--handler-url',
          `http://127.0.0.1:${(handler.address() as AddressInfo).port}/notify`,
        ],
        { LESSPAY_APP_SECRET: 'interrupt-test-secret' },
      );
      await r.waitFor(/^(PASS|FAIL) /m);
      r.child.kill('SIGTERM');
      const { code } = await r.ended;
      expect(code, r.stderr()).to.equal(143);
      const res = results(reportDir);
      expect(res.command).to.equal('webhook-test');
      expect(res.verdict).to.equal('interrupted');
      expect(res.interrupted.signal).to.equal('SIGTERM');
      expect(res.checks.length).to.be.within(1, 12);
    } finally {
      handler.closeAllConnections();
      await new Promise((ok) => handler.close(ok));
    }
  });

  it('a second run into the same report folder exits 2 with one line; the first one is unharmed', async () => {
    const reportDir = join(dir, 'locked');
    const first = run(['run', 'lesspay', '--verbose', '--rate', '5', '--report-dir', reportDir]);
    await first.waitFor(/^PASS /m);
    const second = await runCli(['run', 'lesspay', '--quiet', '--report-dir', reportDir]);
    expect(second.code).to.equal(2);
    expect(second.stdout).to.equal('');
    expect(second.stderr).to.equal(
      `paycert: report directory ${reportDir} is in use by another paycert run (pid ${first.child.pid}): wait for it or give another --report-dir\n`,
    );
    first.child.kill('SIGINT');
    expect((await first.ended).code).to.equal(130);
    expect(results(reportDir).verdict).to.equal('interrupted');
    expect(existsSync(join(reportDir, '.paycert.lock'))).to.equal(false);
  });

  it('a lock left by a run that is gone is taken over', async () => {
    const reportDir = join(dir, 'stale');
    mkdirSync(reportDir);
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.on('close', r));
    writeFileSync(join(reportDir, '.paycert.lock'), `${gone.pid}\n`);
    const out = await runCli(['run', 'lesspay', '--only', 'LP-QO-*', '--quiet', '--report-dir', reportDir]);
    expect(out.code, out.stderr).to.equal(0);
    expect(results(reportDir).verdict).to.not.equal('interrupted');
    expect(existsSync(join(reportDir, '.paycert.lock'))).to.equal(false);
  });

  it('a lock whose pid now names another process (started after the lock) is taken over; a live holder is not', async () => {
    const reportDir = join(dir, 'reused');
    mkdirSync(reportDir);
    // A live process that is not the lock's writer: its pid with a start time it does not have, as when a killed
    // run's pid is handed to some other process.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const started = readFileSync(`/proc/${other.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]!;
      writeFileSync(join(reportDir, '.paycert.lock'), `${other.pid} ${Number(started) - 1}\n`);
      const out = await runCli(['run', 'lesspay', '--only', 'LP-QO-*', '--quiet', '--report-dir', reportDir]);
      expect(out.code, out.stderr).to.equal(0);
      expect(existsSync(join(reportDir, '.paycert.lock'))).to.equal(false);
      // The same pid with its true start time holds the folder.
      writeFileSync(join(reportDir, '.paycert.lock'), `${other.pid} ${started}\n`);
      const held = await runCli([
        'run',
        'lesspay',
        '--only',
        'LP-QO-*',
        '--quiet',
        '--report-dir',
        reportDir,
      ]);
      expect(held.code).to.equal(2);
      expect(held.stderr).to.include(`in use by another paycert run (pid ${other.pid})`);
    } finally {
      other.kill();
    }
  });

  it('`proxy` with its sandbox down is a setup error (exit 2, one line), not a failed client check', async () => {
    const reportDir = join(dir, 'proxy-down');
    const r = run(['proxy', 'lesspay', '--target', closedUrl, '--report-dir', reportDir]);
    await r.waitFor(/^http:\/\/127\.0\.0\.1:\d+\n/);
    const url = r.stdout().split('\n')[0]!;
    const answer = await fetch(`${url}/api/global/v1/pay/query-order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).to.equal(502);
    r.child.kill('SIGINT');
    const { code } = await r.ended;
    expect(code).to.equal(2);
    const problems = r
      .stderr()
      .split('\n')
      .filter((l) => l && !/signatures will not be judged/.test(l));
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(
      new RegExp(
        `^paycert: the upstream ${closedUrl.replace(/\./g, '\\.')} did not answer 1 of 1 requests \\(connect ECONNREFUSED [^)]+\\): check that it is up and reachable; the client was not judged$`,
      ),
    );
    const res = results(reportDir);
    expect(res.verdict).to.equal('error');
    expect(res.gateways[0].error).to.match(/did not answer 1 of 1 requests/);
  });

  it('`proxy` to a sandbox that fails every request (HTTP 503) is a setup error (exit 2), not a client finding', async () => {
    const sandbox = createServer((req, res) => {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
    });
    await new Promise<void>((ok) => sandbox.listen(0, '127.0.0.1', ok));
    const target = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;
    try {
      const reportDir = join(dir, 'proxy-503');
      const r = run(['proxy', 'lesspay', '--target', target, '--report-dir', reportDir]);
      await r.waitFor(/^http:\/\/127\.0\.0\.1:\d+\n/);
      const url = r.stdout().split('\n')[0]!;
      for (let i = 0; i < 2; i++)
        await fetch(`${url}/api/global/v1/pay/query-order`, { method: 'POST', body: '{}' }).then((a) =>
          a.text(),
        );
      r.child.kill('SIGTERM');
      expect((await r.ended).code).to.equal(2);
      expect(r.stderr()).to.include(
        `paycert: the upstream ${target} answered every request with a server error (503): check the sandbox; the client was not judged\n`,
      );
      expect(results(reportDir).verdict).to.equal('error');
    } finally {
      sandbox.closeAllConnections();
      await new Promise((ok) => sandbox.close(ok));
    }
  });

  it('`audit --target` with its sandbox down is a setup error (exit 2, one line)', async () => {
    const reportDir = join(dir, 'audit-down');
    const out = await runCli([
      'audit',
      'lesspay',
      '--quiet',
      '--target',
      closedUrl,
      '--report-dir',
      reportDir,
      '--',
      process.execPath,
      '-e',
      "fetch(process.env.LESSPAY_BASE_URL + '/api/global/v1/pay/query-order', { method: 'POST', body: '{}' }).then(() => process.exit(0))",
    ]);
    expect(out.code, out.stderr).to.equal(2);
    expect(out.stderr.split('\n').filter(Boolean)).to.have.length(1);
    expect(out.stderr).to.match(
      /^paycert: the upstream \S+ did not answer 1 of 1 requests \(connect ECONNREFUSED/,
    );
    expect(results(reportDir).verdict).to.equal('error');
  });

  it('--allow-incomplete exists on every command that can end incomplete (the hint names a real option)', async () => {
    for (const command of ['run', 'audit', 'proxy', 'webhook-test', 'verify']) {
      const help = await runCli([command, '--help']);
      expect(help.code).to.equal(0);
      expect(help.stdout, command).to.include('--allow-incomplete');
    }
  });
});
