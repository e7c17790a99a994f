import '../../src/generate/register.js';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { create, extract } from 'tar';
import type { Results } from '../../src/core/results.js';
import { planShards, shardUnits } from '../../src/engine/shard.js';
import { runCli } from './run-cli.js';

// Issue 16: the CI shape. Shards balanced by expected cost; an empty shard is a valid, passing part that merges;
// `--bundle` takes its file only as --bundle=FILE or --bundle-file FILE, checked before the run; the bundle's
// manifest is signed with Ed25519, so an edited bundle with recomputed hashes fails verification.

const dir = mkdtempSync(join(tmpdir(), 'paycert-ci-'));
let n = 0;
const reportDir = () => join(dir, `r${n++}`);
const results = (d: string): Results => JSON.parse(readFileSync(join(d, 'results.json'), 'utf8'));

const keys = generateKeyPairSync('ed25519');
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicFile = join(dir, 'bundle-public.pem');
writeFileSync(publicFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));

describe('paycert CI shape · shards', function () {
  this.timeout(120_000);

  it('shards of both gateways are within ±20 % of the mean expected cost (2 to 5 shards)', async () => {
    const units = await shardUnits(['lesspay', 'payloco'], () => true);
    for (const total of [2, 3, 4, 5]) {
      const costs = planShards(units, total).map((s) => s.reduce((sum, u) => sum + u.cost, 0));
      const mean = costs.reduce((a, b) => a + b, 0) / total;
      for (const c of costs)
        expect(Math.abs(c - mean) / mean, `${total} shards: ${costs.join('/')}`).to.be.at.most(0.2);
    }
  });

  it('`run lesspay --shard 20/20` is a valid shard (exit 0), not "no check was selected"', async () => {
    const d = reportDir();
    const out = await runCli(['run', 'lesspay', '--quiet', '--shard', '20/20', '--report-dir', d]);
    expect(out.code, out.stderr).to.equal(0);
    expect(results(d).shard).to.deep.equal({ index: 20, total: 20 });
  });

  it('a shard with no check is a valid, empty, passing part (exit 0), and the parts merge to the whole', async () => {
    const dirs = [1, 2, 3].map(() => reportDir());
    const outs = [];
    for (const [i, d] of dirs.entries())
      outs.push(
        await runCli([
          'run',
          '--quiet',
          '--only',
          'LP-QO-001,LP-QO-002',
          '--shard',
          `${i + 1}/3`,
          '--run-id',
          'ci-shape-empty-shard',
          '--report-dir',
          d,
        ]),
      );
    for (const o of outs) expect(o.code, o.stderr).to.equal(0);
    expect(outs[2]!.stdout.split('\n')).to.include(
      'shard 3/3 holds no selected check: nothing to judge here',
    );
    expect(results(dirs[2]!).checks).to.deep.equal([]);
    const merged = await runCli([
      'report',
      ...dirs.map((d) => join(d, 'results.json')),
      '-o',
      join(dir, 'merged'),
    ]);
    expect(merged.code, merged.stderr).to.equal(0);
    const all = results(join(dir, 'merged'));
    expect(all.checks.map((c) => c.id).sort()).to.deep.equal(['LP-QO-001', 'LP-QO-002']);
    // Two checks of the whole profile: the merged parts pass, and say they are not a certification.
    expect(all.verdict).to.equal('passed-partial');
  });
});

describe('paycert CI shape · bundles', function () {
  this.timeout(120_000);

  it('`run --bundle lesspay` certifies lesspay and writes the default bundle (no tarball named "lesspay")', async () => {
    const d = reportDir();
    const out = await runCli([
      'run',
      '--quiet',
      '--bundle',
      'lesspay',
      '--only',
      'LP-QO-00*',
      '--report-dir',
      d,
    ]);
    expect(out.code, out.stderr).to.equal(0);
    expect(results(d).gateways.map((g) => g.gateway)).to.deep.equal(['lesspay']);
    expect(out.stdout.split('\n')).to.include(
      `bundle: ${join(d, 'paycert-bundle.tar.gz')} (unsigned: set PAYCERT_BUNDLE_KEY to an Ed25519 private key to sign it)`,
    );
    expect(existsSync('lesspay')).to.equal(false);
  });

  it('an unwritable --bundle-file is refused before the run (exit 2, one line, no check run)', async () => {
    const out = await runCli([
      'run',
      'lesspay',
      '--bundle-file',
      '/etc/hostname/b.tar.gz',
      '--report-dir',
      reportDir(),
    ]);
    expect(out.code).to.equal(2);
    expect(out.stdout).to.equal('');
    expect(out.stderr).to.equal(
      'paycert: cannot write the bundle to /etc/hostname/b.tar.gz: a part of its folder path is a file\n',
    );
  });

  it('--bundle=FILE signs with PAYCERT_BUNDLE_KEY; verify-bundle pins the key; an edited bundle with a recomputed manifest fails', async () => {
    const file = join(dir, 'signed.tar.gz');
    const out = await runCli(
      ['run', 'lesspay', '--quiet', '--only', 'LP-QO-00*', `--bundle=${file}`, '--report-dir', reportDir()],
      { PAYCERT_BUNDLE_KEY: privatePem },
    );
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.match(/(^|\n)bundle: \S+signed\.tar\.gz \(manifest signed by SHA256:\S+\)\n/);
    expect(out.stdout + out.stderr).not.to.include(privatePem.split('\n')[1]!);

    const ok = await runCli(['verify-bundle', file, '--public-key', publicFile]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.match(
      /^bundle \S+ verified: 4 files match their SHA-256; manifest signed by SHA256:\S+ \(--public-key\)\npassed-partial: lesspay: \d+ of \d+ MUST checks judged; not a certification \(--only LP-QO-00\*\)\n$/,
    );

    // The attack the hashes alone let through: edit the record, recompute its hash in the manifest, repack.
    const unpacked = join(dir, 'unpacked');
    mkdirSync(unpacked);
    await extract({ file, cwd: unpacked });
    const edited = readFileSync(join(unpacked, 'results.json'), 'utf8').replace(
      '"status": "passed"',
      '"status": "failed"',
    );
    writeFileSync(join(unpacked, 'results.json'), edited);
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
    const entry = manifest.files.find((f: { name: string }) => f.name === 'results.json');
    entry.sha256 = createHash('sha256').update(edited).digest('hex');
    entry.bytes = Buffer.byteLength(edited);
    writeFileSync(join(unpacked, 'manifest.json'), JSON.stringify(manifest));
    const tampered = join(dir, 'tampered.tar.gz');
    await create({ gzip: true, file: tampered, cwd: unpacked }, [
      'manifest.json',
      'results.json',
      'coverage.json',
      'junit.xml',
      'index.html',
    ]);
    const bad = await runCli(['verify-bundle', tampered, '--public-key', publicFile]);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.equal(
      `paycert: bundle ${tampered} does not verify: the manifest signature does not verify: the manifest was changed after signing\n`,
    );
  });
});
