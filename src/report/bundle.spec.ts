import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { create, extract } from 'tar';
import { verifyBundle, writeBundle } from './bundle.js';
import { loadFixture } from './fixtures/index.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';

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
    await writeFile(join(reportDir, 'junit.xml'), renderJunit(r));
    await writeFile(join(reportDir, 'index.html'), renderHtml(r));
    bundle = join(dir, 'bundle.tar.gz');
    await writeBundle(reportDir, bundle);
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
  const all = ['manifest.json', 'results.json', 'junit.xml', 'index.html'];

  it('round-trips: a fresh bundle verifies, with a manifest of the three files', async () => {
    const v = await verifyBundle(bundle);
    expect(v.problems).to.deep.equal([]);
    expect(v.ok).to.equal(true);
    expect(v.manifest!.format).to.equal('paycert-bundle/1');
    expect(v.manifest!.tool).to.deep.equal({ name: 'paycert', version: '0.1.0' });
    expect(v.manifest!.files.map((f) => f.name)).to.deep.equal(['results.json', 'junit.xml', 'index.html']);
    const html = await readFile(join(reportDir, 'index.html'));
    expect(v.manifest!.files[2]!.bytes).to.equal(html.length);
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
    const out = await repack(async () => {}, ['manifest.json', 'results.json', 'index.html']);
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
});
