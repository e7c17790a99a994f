import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { create, extract } from 'tar';
import { loadFixture } from '../../test/fixtures/results/index.js';
import { coverage } from '../generate/coverage.js';
import { keyFingerprint, verifyBundle as verifyAny, writeBundle } from './bundle.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';

const signer = generateKeyPairSync('ed25519');
/** Verification with the signer pinned, unless the test pins something else. */
const verifyBundle = (
  file: string,
  opts: Parameters<typeof verifyAny>[1] = { publicKey: signer.publicKey },
) => verifyAny(file, opts);

describe('report bundle', () => {
  let dir: string;
  let reportDir: string;
  let bundle: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paycert-bundle-spec-'));
    reportDir = join(dir, 'report');
    await mkdir(reportDir);
    const r = loadFixture();
    await writeFile(join(reportDir, 'results.json'), JSON.stringify(r, null, 2));
    await writeFile(join(reportDir, 'coverage.json'), JSON.stringify(coverage(['lesspay', 'payloco'], r)));
    await writeFile(join(reportDir, 'junit.xml'), renderJunit(r));
    await writeFile(join(reportDir, 'index.html'), renderHtml(r));
    bundle = join(dir, 'bundle.tar.gz');
    await writeBundle(reportDir, bundle, signer.privateKey);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Unpacks the bundle, lets `change` edit the files, and packs the given names again. */
  async function repack(change: (d: string) => Promise<void>, names: string[]): Promise<string> {
    const d = join(dir, 'unpacked');
    await mkdir(d);
    await extract({ file: bundle, cwd: d });
    await change(d);
    const out = join(dir, 'tampered.tar.gz');
    await create({ gzip: true, file: out, cwd: d }, names);
    return out;
  }
  const all = ['manifest.json', 'results.json', 'coverage.json', 'junit.xml', 'index.html'];

  it('round-trips: a fresh bundle verifies, with a manifest of the four files, the verdict and the scope', async () => {
    const v = await verifyBundle(bundle);
    expect(v.problems).to.deep.equal([]);
    expect(v.ok).to.equal(true);
    expect(v.manifest!.format).to.equal('paycert-bundle/2');
    expect(v.manifest!.tool).to.deep.equal({ name: 'paycert', version: '0.1.0' });
    expect(v.manifest!.files.map((f) => f.name)).to.deep.equal([
      'results.json',
      'coverage.json',
      'junit.xml',
      'index.html',
    ]);
    const html = await readFile(join(reportDir, 'index.html'));
    expect(v.manifest!.files[3]!.bytes).to.equal(html.length);
    expect(v.manifest!.verdict).to.equal('not-certified');
    expect(v.manifest!.scope).to.deep.equal(loadFixture().scope);
    expect(v.manifest!.statement).to.match(
      /^not-certified: lesspay: 7 of 12 MUST checks judged; not a certification; payloco: all 6/,
    );
  });

  it('a signed bundle whose key is not pinned fails: a self-signed bundle proves nothing', async () => {
    const v = await verifyAny(bundle);
    expect(v.ok).to.equal(false);
    expect(v.problems).to.deep.equal([
      `the manifest is signed by key ${keyFingerprint(signer.publicKey)}, which is not pinned: a self-signed bundle proves nothing (pin the signer with --public-key FILE or --trusted-keys FILE)`,
    ]);
    const named = await verifyAny(bundle, {
      trusted: [{ name: 'acme-ci', fingerprint: keyFingerprint(signer.publicKey) }],
    });
    expect(named.ok).to.equal(true);
    expect(named.signerName).to.equal('acme-ci');
    const stranger = await verifyAny(bundle, { trusted: [{ name: 'other', fingerprint: 'SHA256:x' }] });
    expect(stranger.problems[0]).to.match(/which is not among the trusted keys$/);
  });

  it('detects a modified file', async () => {
    const out = await repack(async (d) => {
      const p = join(d, 'index.html');
      await writeFile(p, (await readFile(p, 'utf8')).replace('NOT CERTIFIED', 'CERTIFIED'));
    }, all);
    const v = await verifyBundle(out);
    expect(v.ok).to.equal(false);
    expect(v.problems.join('\n')).to.match(/index\.html: .*(bytes|sha256)/);
  });

  it('detects an extra file', async () => {
    const out = await repack((d) => writeFile(join(d, 'extra.txt'), 'hello'), [...all, 'extra.txt']);
    const v = await verifyBundle(out);
    expect(v.ok).to.equal(false);
    expect(v.problems).to.include('extra.txt: not listed in the manifest');
  });

  it('detects a missing file', async () => {
    const out = await repack(async () => {}, [
      'manifest.json',
      'results.json',
      'coverage.json',
      'index.html',
    ]);
    const v = await verifyBundle(out);
    expect(v.ok).to.equal(false);
    expect(v.problems).to.include('junit.xml: listed in the manifest but missing');
  });

  it('detects results.json that no longer matches the schema, even with a rewritten manifest', async () => {
    const out = await repack(async (d) => {
      const results = JSON.parse(await readFile(join(d, 'results.json'), 'utf8'));
      results.verdict = 'approved';
      const text = JSON.stringify(results);
      await writeFile(join(d, 'results.json'), text);
      const manifest = JSON.parse(await readFile(join(d, 'manifest.json'), 'utf8'));
      const { createHash } = await import('node:crypto');
      manifest.files[0] = {
        name: 'results.json',
        sha256: createHash('sha256').update(text).digest('hex'),
        bytes: Buffer.byteLength(text),
      };
      await writeFile(join(d, 'manifest.json'), JSON.stringify(manifest));
    }, all);
    const v = await verifyBundle(out);
    expect(v.ok).to.equal(false);
    expect(v.problems.some((p) => p.startsWith('results.json: /verdict'))).to.equal(true);
  });

  it('rejects entries outside the top level', async () => {
    const out = await repack(
      async (d) => {
        await mkdir(join(d, 'sub'));
        await writeFile(join(d, 'sub', 'x.txt'), 'x');
      },
      [...all, 'sub/x.txt'],
    );
    const v = await verifyBundle(out);
    expect(v.ok).to.equal(false);
    expect(v.problems).to.include('sub/x.txt: not a top-level file');
  });

  it('reports a file that is not a bundle', async () => {
    const junk = join(dir, 'junk.tar.gz');
    await writeFile(junk, 'not a tarball');
    const v = await verifyBundle(junk);
    expect(v.ok).to.equal(false);
  });

  it('refuses to bundle an incomplete or invalid report directory', async () => {
    await rm(join(reportDir, 'junit.xml'));
    await writeBundle(reportDir, join(dir, 'x.tar.gz')).then(
      () => expect.fail('should throw'),
      (err: Error) => expect(err.message).to.match(/missing junit\.xml/),
    );
    await writeFile(join(reportDir, 'junit.xml'), '<testsuites/>');
    await writeFile(join(reportDir, 'results.json'), '{"format":"other"}');
    await writeBundle(reportDir, join(dir, 'x.tar.gz')).then(
      () => expect.fail('should throw'),
      (err: Error) => expect(err.message).to.match(/results\.json is invalid/),
    );
  });

  it('is signed: the manifest names the Ed25519 key, and pinning that key verifies', async () => {
    const v = await verifyBundle(bundle, { publicKey: signer.publicKey });
    expect(v.problems).to.deep.equal([]);
    expect(v.signedBy).to.equal(keyFingerprint(signer.publicKey));
    expect(v.manifest!.signature!.algorithm).to.equal('Ed25519');
  });

  it('an edited results.json with a recomputed manifest fails: the signature no longer matches', async () => {
    const out = await repack(async (d) => {
      const p = join(d, 'results.json');
      const edited = (await readFile(p, 'utf8')).replace('"not-certified"', '"certified"');
      await writeFile(p, edited);
      const m = JSON.parse(await readFile(join(d, 'manifest.json'), 'utf8'));
      const f = m.files.find((x: { name: string }) => x.name === 'results.json');
      f.sha256 = createHash('sha256').update(edited).digest('hex');
      f.bytes = Buffer.byteLength(edited);
      await writeFile(join(d, 'manifest.json'), JSON.stringify(m));
    }, all);
    const v = await verifyBundle(out);
    expect(v.ok).to.equal(false);
    expect(v.problems).to.deep.equal([
      'the manifest signature does not verify: the manifest was changed after signing',
      'the manifest says not-certified, results.json says certified',
    ]);
  });

  it('a bundle re-signed with another key passes only its own key, and fails a pinned one', async () => {
    const other = generateKeyPairSync('ed25519');
    const resigned = join(dir, 'resigned.tar.gz');
    await writeBundle(reportDir, resigned, other.privateKey);
    expect((await verifyBundle(resigned, { publicKey: other.publicKey })).signedBy).to.equal(
      keyFingerprint(other.publicKey),
    );
    const pinned = await verifyBundle(resigned, { publicKey: signer.publicKey });
    expect(pinned.ok).to.equal(false);
    expect(pinned.problems[0]).to.match(
      /^the manifest is signed by key SHA256:\S+, not by the given public key/,
    );
  });

  it('an unsigned manifest fails unless explicitly allowed', async () => {
    const unsigned = join(dir, 'unsigned.tar.gz');
    await writeBundle(reportDir, unsigned);
    expect((await verifyBundle(unsigned)).problems[0]).to.match(/^the manifest is not signed/);
    expect((await verifyBundle(unsigned, { allowUnsigned: true })).ok).to.equal(true);
  });
});
