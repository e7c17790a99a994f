import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { x as untar } from 'tar';
import { runCli } from '../cli/run-cli.js';

// Issue 9: secrets never leave the process. A target that echoes every request (headers and body, in its JSON body
// and in a response header) is certified with canary credentials; neither the canaries nor any signature the run
// sent may appear on the console or in any file the run writes, the evidence bundle included.

const SIGNATURE_HEADERS = ['x-auth-signature', 'signature'];

let server: Server;
let url = '';
const signatures = new Set<string>();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Where any canary appears: console output and every file written, the extracted bundle included. */
async function leaks(out: { stdout: string; stderr: string }, reportDir: string, canaries: string[]) {
  const bundle = join(reportDir, 'paycert-bundle.tar.gz');
  const extracted = join(reportDir, '..', `${reportDir.split('/').pop()}-bundle`);
  mkdirSync(extracted, { recursive: true });
  await untar({ file: bundle, cwd: extracted });
  const sources: [string, string][] = [
    ['console', `${out.stdout}\n${out.stderr}`],
    ...[...filesUnder(reportDir), ...filesUnder(extracted)]
      .filter((f) => !f.endsWith('.tar.gz'))
      .map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
  ];
  const found: string[] = [];
  for (const [where, text] of sources) {
    for (const c of canaries) if (text.includes(c)) found.push(`${where}: ${c.slice(0, 24)}…`);
  }
  return { found, scanned: sources.length };
}

describe('hostile targets: secret canaries', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'paycert-canary-'));

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        for (const h of SIGNATURE_HEADERS) {
          const v = req.headers[h];
          if (typeof v === 'string' && v.length >= 8) signatures.add(v);
        }
        const echo = {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        const text = JSON.stringify({ code: 0, msg: '', message: 'SUCCESS', data: { echo } });
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-echo': JSON.stringify(req.headers).replace(/[^\x20-\x7e]/g, '?'),
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const common = (reportDir: string) => [
    '--base-url',
    url,
    '--timeout',
    '2000',
    '--webhook-wait',
    '300',
    '--report-dir',
    reportDir,
    '--bundle',
  ];

  it('lesspay: the app secret and the X-Auth-Signature values sent never appear', async () => {
    signatures.clear();
    const secret = `canary-secret-${randomBytes(12).toString('hex')}`;
    const reportDir = join(dir, 'lesspay');
    const out = await runCli(['run', 'lesspay', ...common(reportDir)], {
      LESSPAY_APP_ID: 'canary-app',
      LESSPAY_APP_SECRET: secret,
    });
    expect(out.code, out.stderr).to.be.oneOf([1, 2]);
    expect(out.stderr).to.not.match(/internal error/);
    expect(signatures.size).to.be.greaterThan(10);
    const { found, scanned } = await leaks(out, reportDir, [secret, ...signatures]);
    expect(scanned).to.be.at.least(7);
    expect(found, found.join('\n')).to.deep.equal([]);
    // Control: the scan does see what the echo sent back (the app id is not a secret and is shown).
    expect((await leaks(out, reportDir, ['canary-app'])).found.length).to.be.at.least(4);
  });

  it('payloco: the private key, the webhook secret and the Signature values sent never appear', async () => {
    signatures.clear();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyFile = join(dir, 'canary-key.pem');
    writeFileSync(keyFile, pem);
    // Every line of the key's body is a canary: a truncated or re-wrapped key must not leak either.
    const keyLines = pem.split('\n').filter((l) => l.length >= 32 && !l.startsWith('-----'));
    const webhookSecret = `canary-webhook-${randomBytes(12).toString('hex')}`;
    const reportDir = join(dir, 'payloco');
    const out = await runCli(['run', 'payloco', ...common(reportDir)], {
      PAYLOCO_MERCHANT_ID: '2001000000009999',
      PAYLOCO_PRIVATE_KEY: keyFile,
      PAYLOCO_WEBHOOK_SECRET: webhookSecret,
    });
    expect(out.code, out.stderr).to.be.oneOf([1, 2]);
    expect(out.stderr).to.not.match(/internal error/);
    expect(signatures.size).to.be.greaterThan(10);
    const { found, scanned } = await leaks(out, reportDir, [...keyLines, webhookSecret, ...signatures]);
    expect(scanned).to.be.at.least(7);
    expect(found, found.join('\n')).to.deep.equal([]);
  });
});
