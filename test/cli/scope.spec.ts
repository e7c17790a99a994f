import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { list } from 'tar';
import type { Results } from '../../src/core/results.js';
import { runCli } from './run-cli.js';

// Issue 21: a CERTIFIED a third party can trust. A verdict names its scope in every output, `certified` needs the
// whole profile, shards merge only with the shards of their own run, and a bundle verifies only with a pinned key.
// Each finding of the issue is run through the real command line: exit code, the line the user sees, the record.

const dir = mkdtempSync(join(tmpdir(), 'paycert-scope-'));
let n = 0;
const reportDir = () => join(dir, `r${n++}`);
const lines = (text: string) => text.split('\n');
const resultsIn0 = (file: string): Results => JSON.parse(readFileSync(file, 'utf8'));
const resultsIn = (d: string): Results => resultsIn0(join(d, 'results.json'));
/** `run` with the environment of a local shell: no CI pipeline id, so a run id is generated unless given. */
const NO_CI = {
  GITHUB_RUN_ID: '',
  CI_PIPELINE_ID: '',
  BUILDKITE_BUILD_ID: '',
  CIRCLE_WORKFLOW_ID: '',
  BUILD_BUILDID: '',
};

const signer = generateKeyPairSync('ed25519');
const privatePem = signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicFile = join(dir, 'signer.pub.pem');
writeFileSync(publicFile, signer.publicKey.export({ type: 'spki', format: 'pem' }).toString());

describe('paycert scope · a verdict carries its scope', function () {
  this.timeout(120_000);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("`run lesspay --only 'LP-QO-*'` passes partially (exit 0) and says so in the console, results.json, JUnit and HTML", async () => {
    const d = reportDir();
    const out = await runCli(['run', 'lesspay', '--quiet', '--only', 'LP-QO-*', '--report-dir', d], NO_CI);
    expect(out.code, out.stderr).to.equal(0);
    const stdout = lines(out.stdout);
    expect(stdout.find((l) => l.startsWith('lesspay: '))).to.match(
      /^lesspay: PASSED-PARTIAL — 18 passed, 0 failed/,
    );
    const statement = stdout.find((l) => l.startsWith('  scope: '))!;
    expect(statement).to.match(
      /^ {2}scope: (\d+) of (\d+) MUST checks judged; not a certification \(--only LP-QO-\*\)$/,
    );
    expect(stdout.some((l) => /CERTIFIED/.test(l))).to.equal(false);
    expect(stdout).to.include(`verdict: passed-partial (${statement.slice('  scope: '.length)})`);
    const r = resultsIn(d);
    expect(r.verdict).to.equal('passed-partial');
    const g = r.gateways[0]!;
    expect(g.verdict).to.equal('passed-partial');
    expect(g.judged!.must).to.be.lessThan(g.judged!.mustTotal);
    expect(r.scope).to.deep.include({ gateways: ['lesspay'], strict: false, allowIncomplete: false });
    expect(r.scope!.selection).to.deep.equal({ only: ['LP-QO-*'], skip: [], shard: null });
    expect(r.scope!.runId).to.match(/^local:[0-9a-f]{12}$/);
    expect(r.scope!.catalogueHash.lesspay).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(r.scope!.targets).to.deep.equal([
      { gateway: 'lesspay', target: g.target, kind: 'embedded-mock', mock: 'variant a' },
    ]);
    const junit = readFileSync(join(d, 'junit.xml'), 'utf8');
    expect(junit).to.include('<property name="verdict" value="passed-partial"/>');
    expect(junit).to.include(`<property name="scope" value="${g.statement}"/>`);
    const html = readFileSync(join(d, 'index.html'), 'utf8');
    expect(html).to.include('<div class="word">PASSED (PARTIAL)</div>');
    expect(html).to.include(`<div class="scope">${g.statement}</div>`);
    expect(html).not.to.include('>CERTIFIED<');
  });

  it('`--skip` leaves checks out, is recorded, and the narrower pass is partial', async () => {
    const d = reportDir();
    const out = await runCli(
      ['run', 'lesspay', '--quiet', '--only', 'LP-QO-*', '--skip', 'LP-QO-01*', '--report-dir', d],
      NO_CI,
    );
    expect(out.code, out.stderr).to.equal(0);
    expect(lines(out.stdout).find((l) => l.startsWith('  scope: '))).to.match(
      /not a certification \(--only LP-QO-\*, --skip LP-QO-01\*\)$/,
    );
    const r = resultsIn(d);
    expect(r.checks.some((c) => c.id.startsWith('LP-QO-01'))).to.equal(false);
    expect(r.scope!.selection.skip).to.deep.equal(['LP-QO-01*']);
    expect(r.verdict).to.equal('passed-partial');
  });

  it('a filter that avoids the failing checks of a faulty mock makes a signed bundle that says passed-partial, not certified', async () => {
    const d = reportDir();
    const file = join(d, 'b.tar.gz');
    const out = await runCli(
      [
        'run',
        'lesspay',
        '--quiet',
        '--only',
        'LP-QO-*',
        '--mock-fault',
        'unknown-path-200',
        `--bundle=${file}`,
        '--report-dir',
        d,
      ],
      { ...NO_CI, PAYCERT_BUNDLE_KEY: privatePem },
    );
    expect(out.code, out.stderr).to.equal(0);
    expect(resultsIn(d).scope!.targets[0]!.mock).to.equal('variant a, fault unknown-path-200');
    const ok = await runCli(['verify-bundle', file, '--public-key', publicFile]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(lines(ok.stdout)[1]).to.match(
      /^passed-partial: lesspay: \d+ of \d+ MUST checks judged; not a certification \(--only LP-QO-\*\)$/,
    );
    const names: string[] = [];
    await list({ file, onReadEntry: (e) => names.push(e.path) });
    expect(names).to.include('coverage.json');
  });

  it('a capabilities file that declares webhooks away certifies only with the excused checks named', async () => {
    const d = reportDir();
    const caps = join(dir, 'caps.json');
    writeFileSync(caps, JSON.stringify({ lesspay: ['payin', 'payout'] }));
    const out = await runCli(['run', 'lesspay', '--quiet', '--capabilities', caps, '--report-dir', d], NO_CI);
    expect(out.code, out.stderr).to.equal(0);
    const r = resultsIn(d);
    const g = r.gateways[0]!;
    expect(g.verdict).to.equal('certified');
    expect(g.judged!.must).to.equal(g.judged!.mustTotal);
    expect(g.judged!.notApplicable!.length).to.be.greaterThan(0);
    expect(r.scope!.capabilities).to.deep.equal({ lesspay: ['payin', 'payout'] });
    expect(lines(out.stdout)).to.include(
      `  scope: all ${g.judged!.mustTotal} MUST checks judged (${g.judged!.notApplicable!.length} not applicable under the declared capabilities, named in results.json)`,
    );
  });

  it('JUnit reports a SHOULD failure of a non-strict certified run as a passed case with the finding', async () => {
    const d = reportDir();
    const out = await runCli(
      ['run', 'lesspay', '--quiet', '--mock-fault', 'bad-json-500', '--report-dir', d],
      NO_CI,
    );
    expect(out.code, out.stderr).to.equal(0);
    expect(resultsIn(d).verdict).to.equal('certified');
    expect(resultsIn(d).checks.find((c) => c.id === 'LP-PARAM-021')).to.include({
      status: 'failed',
      level: 'SHOULD',
    });
    const junit = readFileSync(join(d, 'junit.xml'), 'utf8');
    expect(junit).to.match(/<testsuites name="paycert" tests="\d+" failures="0" /);
    const testcase = junit.split('<testcase ').find((t) => t.includes('name="LP-PARAM-021 '))!;
    expect(testcase).not.to.include('<failure');
    expect(testcase).to.include(
      '<property name="finding" value="SHOULD failed (does not count without --strict): ',
    );
    expect(testcase).to.include('<system-out>SHOULD failed (does not count without --strict): ');
  });
});

describe('paycert scope · webhook-test --only', function () {
  this.timeout(60_000);

  it('a handler run narrowed by --only passes partially, never certified (exit 0, the scope named)', async () => {
    const { startHandler } = await import('../../examples/webhook-handler/handler.js');
    const secret = 'scope-spec-handler-secret';
    const h = await startHandler({ gateway: 'lesspay', secret });
    try {
      const d = reportDir();
      const out = await runCli(
        [
          'webhook-test',
          'lesspay',
          '--quiet',
          '--handler-url',
          h.handlerUrl,
          '--order-status-url',
          h.orderStatusUrl,
          '--only',
          'LPH-SIG-*',
          '--report-dir',
          d,
        ],
        { LESSPAY_APP_SECRET: secret },
      );
      expect(out.code, out.stderr).to.equal(0);
      expect(lines(out.stdout).find((l) => l.startsWith('lesspay: '))).to.match(
        /^lesspay: PASSED-PARTIAL — /,
      );
      expect(lines(out.stdout).find((l) => l.startsWith('  scope: '))).to.match(
        /^ {2}scope: \d+ of \d+ MUST checks judged; not a certification \(--only LPH-SIG-\*\)$/,
      );
      expect(resultsIn(d).verdict).to.equal('passed-partial');
    } finally {
      await h.close();
    }
  });
});

describe('paycert scope · shards belong together', function () {
  this.timeout(180_000);
  const shardRun = async (shard: string, extra: string[]) => {
    const d = reportDir();
    const out = await runCli(
      ['run', 'lesspay', '--quiet', '--only', 'LP-QO-00*', '--shard', shard, '--report-dir', d, ...extra],
      NO_CI,
    );
    expect(out.code, out.stderr).to.equal(0);
    return { out, file: join(d, 'results.json') };
  };
  let one: { out: { stdout: string }; file: string };
  let two: string;
  before(async () => {
    one = await shardRun('1/2', ['--run-id', 'run-A', '--seed', '1']);
    two = (await shardRun('2/2', ['--run-id', 'run-A', '--seed', '1'])).file;
  });

  it('shards of one run merge (exit 0); the run id and seed are in each shard', async () => {
    expect(JSON.parse(readFileSync(one.file, 'utf8')).scope).to.deep.include({ runId: 'run-A', seed: 1 });
    const out = await runCli(['report', one.file, two, '-o', reportDir()]);
    expect(out.code, out.stderr).to.equal(0);
    expect(lines(out.stdout)).to.include(
      `verdict: passed-partial (8 of ${resultsIn0(one.file).gateways[0]!.judged!.mustTotal} MUST checks judged; not a certification (--only LP-QO-00*))`,
    );
  });

  it('`report` refuses shard 2/2 of another run: exit 2, one line naming the difference', async () => {
    const other = (await shardRun('2/2', ['--run-id', 'run-B', '--seed', '1'])).file;
    const out = await runCli(['report', one.file, other, '-o', reportDir()]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      'paycert: cannot merge these results: these are not shards of one run: run id run-A vs run-B\n',
    );
  });

  it('`report` refuses shards of one run id with another seed, selection or target', async () => {
    const seed = (await shardRun('2/2', ['--run-id', 'run-A', '--seed', '2'])).file;
    const target = (await shardRun('2/2', ['--run-id', 'run-A', '--seed', '1', '--mock-variant', 'b'])).file;
    const a = await runCli(['report', one.file, seed, '-o', reportDir()]);
    expect([a.code, a.stderr]).to.deep.equal([
      2,
      'paycert: cannot merge these results: these are not shards of one run: seed 1 vs 2\n',
    ]);
    const b = await runCli(['report', one.file, target, '-o', reportDir()]);
    expect([b.code, b.stderr]).to.deep.equal([
      2,
      'paycert: cannot merge these results: these are not shards of one run: target lesspay bundled mock variant a vs lesspay bundled mock variant b\n',
    ]);
  });

  it('`report` refuses a duplicate shard and an incomplete set', async () => {
    const dup = await runCli(['report', one.file, one.file, two, '-o', reportDir()]);
    expect([dup.code, dup.stderr]).to.deep.equal([
      2,
      'paycert: cannot merge these results: shard 1/2 is given twice\n',
    ]);
    const thirds = [
      (await shardRun('1/3', ['--run-id', 'run-T', '--seed', '1'])).file,
      (await shardRun('2/3', ['--run-id', 'run-T', '--seed', '1'])).file,
    ];
    const missing = await runCli(['report', ...thirds, '-o', reportDir()]);
    expect([missing.code, missing.stderr]).to.deep.equal([
      2,
      'paycert: cannot merge these results: missing shard(s) 3/3\n',
    ]);
    const mixed = await runCli(['report', one.file, thirds[1]!, '-o', reportDir()]);
    expect([mixed.code, mixed.stderr]).to.deep.equal([
      2,
      'paycert: cannot merge these results: shards of different splits: totals 2, 3\n',
    ]);
  });

  it('one shard rendered alone is partial, never certified', async () => {
    const d = reportDir();
    const whole = await runCli(
      ['run', 'lesspay', '--quiet', '--shard', '1/2', '--run-id', 'run-W', '--report-dir', d],
      NO_CI,
    );
    expect(whole.code, whole.stderr).to.equal(0);
    expect(resultsIn(d).verdict).to.equal('passed-partial');
    const out = await runCli(['report', join(d, 'results.json'), '-o', reportDir()]);
    expect(out.code, out.stderr).to.equal(0);
    expect(lines(out.stdout).find((l) => l.startsWith('  scope: '))).to.match(
      /^ {2}scope: \d+ of \d+ MUST checks judged; not a certification \(shard 1\/2\)$/,
    );
    expect(lines(out.stdout)).not.to.include('verdict: certified');
  });

  it('a shard without --run-id outside CI prints the generated run id to give the others', async () => {
    expect(lines(one.out.stdout).some((l) => l.startsWith('run id: '))).to.equal(false);
    const d = reportDir();
    const out = await runCli(
      ['run', 'lesspay', '--quiet', '--only', 'LP-QO-001', '--shard', '1/2', '--report-dir', d],
      NO_CI,
    );
    const id = resultsIn(d).scope!.runId;
    expect(lines(out.stdout)).to.include(
      `run id: ${id} (give the other shards --run-id ${id}, or \`paycert report\` refuses to merge them)`,
    );
  });

  it('the CI pipeline id is the default run id, so CI shards agree without a flag', async () => {
    const d = reportDir();
    const out = await runCli(['run', 'lesspay', '--quiet', '--only', 'LP-QO-001', '--report-dir', d], {
      ...NO_CI,
      CI_PIPELINE_ID: '4711',
    });
    expect(out.code, out.stderr).to.equal(0);
    expect(resultsIn(d).scope!.runId).to.equal('gitlab:4711');
  });
});

describe('paycert scope · a signature means a known signer', function () {
  this.timeout(120_000);
  let file: string;
  before(async () => {
    const d = reportDir();
    file = join(d, 'b.tar.gz');
    const out = await runCli(
      ['run', 'lesspay', '--quiet', '--only', 'LP-QO-001', `--bundle=${file}`, '--report-dir', d],
      { ...NO_CI, PAYCERT_BUNDLE_KEY: privatePem },
    );
    expect(out.code, out.stderr).to.equal(0);
  });

  it('a signed bundle with no pinned key fails (exit 1, one line): the key in the manifest proves nothing', async () => {
    const out = await runCli(['verify-bundle', file], { PAYCERT_BUNDLE_PUBLIC_KEY: '' });
    expect(out.code).to.equal(1);
    expect(out.stdout).to.equal('');
    expect(out.stderr).to.match(
      /^paycert: bundle \S+ does not verify: the manifest is signed by key SHA256:\S+, which is not pinned: a self-signed bundle proves nothing \(pin the signer with --public-key FILE or --trusted-keys FILE\)\n$/,
    );
  });

  it('--trusted-keys accepts a named signer, refuses one it does not list, and a malformed file is exit 2', async () => {
    const der = createPublicKey(privatePem).export({ type: 'spki', format: 'der' }).toString('base64');
    const trust = join(dir, 'trusted-keys');
    writeFileSync(trust, `# signers we accept\nacme-ci ${der}\n`);
    const ok = await runCli(['verify-bundle', file, '--trusted-keys', trust]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(lines(ok.stdout)[0]).to.match(
      /^bundle \S+ verified: 4 files match their SHA-256; manifest signed by acme-ci \(SHA256:\S+, --trusted-keys\)$/,
    );
    const stranger = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    const others = join(dir, 'other-keys');
    writeFileSync(others, `someone-else ${stranger}\n`);
    const refused = await runCli(['verify-bundle', file, '--trusted-keys', others]);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(/which is not among the trusted keys\n$/);
    const bad = join(dir, 'bad-keys');
    writeFileSync(bad, 'just-a-name\n');
    const malformed = await runCli(['verify-bundle', file, '--trusted-keys', bad]);
    expect([malformed.code, malformed.stderr]).to.deep.equal([
      2,
      `paycert: --trusted-keys ${bad} line 1: expected "<name> <key>" (the key as one line of base64 DER, or SHA256:…)\n`,
    ]);
  });
});

describe('paycert scope · small ones', function () {
  this.timeout(60_000);

  it('the production guard normalises the host: trailing dot, case and IDN forms are refused (exit 2, one line)', async () => {
    for (const url of [
      'https://pay.doopayment.com.',
      'https://PAY.DooPayment.COM',
      'https://pay.ｄｏｏpayment.com',
    ]) {
      const out = await runCli(['run', 'lesspay', '--base-url', url, '--report-dir', reportDir()]);
      expect(out.code, url).to.equal(2);
      expect(out.stderr, url).to.match(
        /^paycert: \S+ looks like a production gateway host; pass --allow-production to certify it\n$/,
      );
    }
  });

  it('a report directory under /proc or /sys exits 2 before the run, at once, in one line', async () => {
    for (const d of ['/proc/nope', '/sys/paycert/x']) {
      const out = await runCli(['run', 'lesspay', '--only', 'LP-QO-001', '--report-dir', d], {}, 20_000);
      expect(out.code, d).to.equal(2);
      expect(out.stdout).to.equal('');
      expect(out.stderr).to.equal(
        `paycert: cannot write to report directory ${d}: it is under /${d.split('/')[1]}, a kernel file system\n`,
      );
    }
    const link = join(dir, 'to-proc');
    symlinkSync('/proc', link);
    const out = await runCli(['run', 'lesspay', '--report-dir', join(link, 'a')], {}, 20_000);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(/it is under \/proc, a kernel file system\n$/);
  });
});
