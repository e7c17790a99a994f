import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startStubBroker } from '../../test/kits/broker-stub.js';
import { publishCommand } from '../commands/publish.js';
import { verifyCommand } from '../commands/verify.js';
import { UsageError } from '../core/errors.js';

// `paycert verify` and `paycert publish` as the CLI calls them (the lead wires them into src/cli/cli.ts).

async function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  (process.stdout as any).write = (c: any) => {
    out.push(String(c));
    return true;
  };
  (process.stderr as any).write = (c: any) => {
    err.push(String(c));
    return true;
  };
  try {
    return { value: await fn(), out: out.join(''), err: err.join('') };
  } finally {
    (process.stdout as any).write = o;
    (process.stderr as any).write = e;
  }
}

async function usage(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('commands: paycert verify / paycert publish', function () {
  this.timeout(60_000);
  let reportDir: string;
  beforeEach(() => {
    reportDir = mkdtempSync(join(tmpdir(), 'paycert-verify-cmd-'));
  });
  afterEach(() => rmSync(reportDir, { recursive: true, force: true }));

  it('exits 0 when the bundled mock verifies, and writes the report', async () => {
    const { value } = await quietly(() => verifyCommand('payloco', { reportDir, mockVariant: 'b' }));
    expect(value).to.equal(0);
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    expect(results).to.include({ command: 'verify', verdict: 'certified' });
  });

  it('exits 1 and names the failing interactions on a mismatch', async () => {
    const { value, err } = await quietly(() =>
      verifyCommand('lesspay', { reportDir, mockFault: 'query-msg-not-found-wrong' }),
    );
    expect(value).to.equal(1);
    expect(err).to.contain('a pay-in query for an unknown order is refused');
  });

  it('exits 2 (UsageError) on bad usage', async () => {
    expect(await usage(verifyCommand('stripe', { reportDir }))).to.match(/unknown gateway/);
    expect(await usage(verifyCommand('lesspay', { reportDir, publishResults: true }))).to.match(
      /--broker-url/,
    );
    expect(
      await usage(
        verifyCommand('lesspay', { reportDir, brokerUrl: 'http://127.0.0.1:1', publishResults: true }),
      ),
    ).to.match(/--provider-version/);
    expect(
      await usage(
        verifyCommand('lesspay', {
          reportDir,
          brokerUrl: 'http://127.0.0.1:1',
          consumerVersionSelector: ['nope'],
        }),
      ),
    ).to.match(/not JSON/);
    expect(await usage(verifyCommand('lesspay', { reportDir, pact: ['/no/such/pact.json'] }))).to.match(
      /not found/,
    );
    const saved = { id: process.env.LESSPAY_APP_ID, secret: process.env.LESSPAY_APP_SECRET };
    delete process.env.LESSPAY_APP_ID;
    delete process.env.LESSPAY_APP_SECRET;
    try {
      expect(await usage(verifyCommand('lesspay', { reportDir, baseUrl: 'http://127.0.0.1:1' }))).to.match(
        /LESSPAY_APP_ID/,
      );
    } finally {
      if (saved.id !== undefined) process.env.LESSPAY_APP_ID = saved.id;
      if (saved.secret !== undefined) process.env.LESSPAY_APP_SECRET = saved.secret;
    }
    expect(await usage(publishCommand({ consumerVersion: '1' }))).to.match(/--broker-url/);
    expect(await usage(publishCommand({ brokerUrl: 'http://127.0.0.1:1' }))).to.match(/--consumer-version/);
  });

  it('publish exits 0 when the broker accepts, 2 when it refuses', async () => {
    const broker = await startStubBroker();
    try {
      const ok = await quietly(() =>
        publishCommand({ brokerUrl: broker.url, consumerVersion: '1.0.0', branch: 'main' }),
      );
      expect(ok.value).to.equal(0);
      expect(ok.out).to.contain('published paycert-lesspay-client → lesspay version 1.0.0');
    } finally {
      await broker.close();
    }
    const refused = await quietly(() =>
      publishCommand({ brokerUrl: 'http://127.0.0.1:9', consumerVersion: '1.0.0' }),
    );
    expect(refused.value).to.equal(2);
  });
});
