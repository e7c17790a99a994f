import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { type RemoteMock, startRemoteMock } from './mock-target.js';
import { runCli } from './run-cli.js';

// Issue 16: every credential, given as a path, as its content and as garbage, through the real binary. Key variables
// accept a path or the PEM itself; no output (console, results.json, junit.xml, index.html) ever carries the value.

const dir = mkdtempSync(join(tmpdir(), 'paycert-secrets-'));
let n = 0;

/** Distinctive parts of a value: the value itself, and each long line of a PEM body. */
function fragments(value: string): string[] {
  const lines = value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith('-----'));
  return [value.trim(), ...lines];
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Case {
  what: string;
  gateway: 'lesspay' | 'payloco';
  env?: NodeJS.ProcessEnv;
  args?: string[];
  /** What must never be printed or written. */
  secret: string;
  code: number;
  /** The one line on stderr, when the run stops (exit 2). */
  says?: RegExp;
}

describe('paycert · secrets in every accepted form never leak', function () {
  this.timeout(120_000);
  let lesspay: RemoteMock;
  let payloco: RemoteMock;
  let keyPem = '';
  let publicPem = '';
  const garbagePem =
    '-----BEGIN PRIVATE KEY-----\nQ0FOQVJZZ2FyYmFnZWtleW1hdGVyaWFsMTIzNDU2Nzg5\n-----END PRIVATE KEY-----\n';
  const garbage = 'CANARYgarbageValue+/9876543210abcdef';

  before(async () => {
    lesspay = await startRemoteMock('lesspay');
    payloco = await startRemoteMock('payloco');
    keyPem = readFileSync(payloco.env.PAYLOCO_PRIVATE_KEY!, 'utf8');
    publicPem = readFileSync(payloco.env.PAYLOCO_PLATFORM_PUBLIC_KEY!, 'utf8');
  });
  after(async () => {
    await lesspay.mock.close();
    await payloco.mock.close();
  });

  const webhookSecretOf = () => payloco.mock.credentials.webhookSecret!;
  const cases = (): Case[] => {
    const lesspaySecret = lesspay.env.LESSPAY_APP_SECRET!;
    const webhookSecret = payloco.mock.credentials.webhookSecret!;
    return [
      { what: 'LESSPAY_APP_SECRET as content', gateway: 'lesspay', secret: lesspaySecret, code: 0 },
      {
        what: '--app-secret-file as path',
        gateway: 'lesspay',
        env: { LESSPAY_APP_SECRET: '' },
        args: ['--app-secret-file', file(`s${n++}`, `${lesspaySecret}\n`)],
        secret: lesspaySecret,
        code: 0,
      },
      {
        what: 'LESSPAY_APP_SECRET as garbage',
        gateway: 'lesspay',
        env: { LESSPAY_APP_SECRET: garbage },
        secret: garbage,
        code: 2,
        says: /^paycert: the target answered HTTP 401 to a request signed as the docs say, and refused the same request signed with each of 6 common signing mistakes: check LESSPAY_APP_ID and LESSPAY_APP_SECRET/,
      },
      {
        what: '--app-secret-file empty',
        gateway: 'lesspay',
        args: ['--app-secret-file', file(`s${n++}`, '\n')],
        secret: lesspaySecret,
        code: 2,
        says: /^paycert: the app secret file named by --app-secret-file is empty$/,
      },
      { what: 'PAYLOCO_PRIVATE_KEY as path', gateway: 'payloco', secret: keyPem, code: 0 },
      {
        what: 'PAYLOCO_PRIVATE_KEY as the PEM itself',
        gateway: 'payloco',
        env: { PAYLOCO_PRIVATE_KEY: keyPem },
        secret: keyPem,
        code: 0,
      },
      {
        what: 'PAYLOCO_PRIVATE_KEY as the PEM with escaped newlines (one-line CI secret)',
        gateway: 'payloco',
        env: { PAYLOCO_PRIVATE_KEY: keyPem.trim().replace(/\n/g, '\\n') },
        secret: keyPem,
        code: 0,
      },
      {
        what: 'PAYLOCO_PRIVATE_KEY as garbage',
        gateway: 'payloco',
        env: { PAYLOCO_PRIVATE_KEY: garbage },
        secret: garbage,
        code: 2,
        says: /^paycert: cannot read the private key file named by PAYLOCO_PRIVATE_KEY: no such file$/,
      },
      {
        what: 'PAYLOCO_PRIVATE_KEY as a garbage PEM',
        gateway: 'payloco',
        env: { PAYLOCO_PRIVATE_KEY: garbagePem },
        secret: garbagePem,
        code: 2,
        says: /^paycert: PAYLOCO_PRIVATE_KEY is not a usable merchant key: not a PEM private key \(give a path to a PKCS#8 PEM file, or the PEM itself\)$/,
      },
      {
        what: '--private-key as the PEM itself',
        gateway: 'payloco',
        env: { PAYLOCO_PRIVATE_KEY: '' },
        args: ['--private-key', keyPem],
        secret: keyPem,
        code: 0,
      },
      {
        what: '--private-key as garbage',
        gateway: 'payloco',
        args: ['--private-key', garbage],
        secret: garbage,
        code: 2,
        says: /^paycert: cannot read the private key file named by --private-key: no such file$/,
      },
      {
        what: 'PAYLOCO_PLATFORM_PUBLIC_KEY as the PEM itself',
        gateway: 'payloco',
        env: { PAYLOCO_PLATFORM_PUBLIC_KEY: publicPem },
        secret: keyPem,
        code: 0,
      },
      {
        what: 'PAYLOCO_PLATFORM_PUBLIC_KEY as garbage',
        gateway: 'payloco',
        env: { PAYLOCO_PLATFORM_PUBLIC_KEY: garbage },
        secret: garbage,
        code: 2,
        says: /^paycert: cannot read the platform public key file named by PAYLOCO_PLATFORM_PUBLIC_KEY: no such file$/,
      },
      {
        what: 'PAYLOCO_WEBHOOK_SECRET as content',
        gateway: 'payloco',
        env: { PAYLOCO_WEBHOOK_SECRET: webhookSecret },
        secret: webhookSecret,
        code: 0,
      },
      {
        what: '--webhook-secret-file as path',
        gateway: 'payloco',
        env: { PAYLOCO_WEBHOOK_SECRET: '' },
        args: ['--webhook-secret-file', file(`s${n++}`, webhookSecret)],
        secret: webhookSecret,
        code: 0,
      },
      {
        what: 'PAYLOCO_WEBHOOK_SECRET as garbage',
        gateway: 'payloco',
        env: { PAYLOCO_WEBHOOK_SECRET: garbage },
        secret: garbage,
        code: 1,
      },
    ];
  };

  it('every credential as path, content and garbage: the expected exit, and the value in no output', async () => {
    const seen: string[] = [];
    for (const c of cases()) {
      const target = c.gateway === 'lesspay' ? lesspay : payloco;
      const reportDir = join(dir, `r${n++}`);
      const only = c.gateway === 'lesspay' ? 'LP-AUTH-*,LP-QO-00*' : 'PL-SIG-*,PL-WH-00*';
      const out = await runCli(
        [
          'run',
          c.gateway,
          '--base-url',
          target.url,
          '--only',
          only,
          '--webhook-wait',
          '1500',
          '--report-dir',
          reportDir,
          ...(c.args ?? []),
        ],
        {
          ...target.env,
          ...(c.gateway === 'payloco' ? { PAYLOCO_WEBHOOK_SECRET: webhookSecretOf() } : {}),
          ...c.env,
        },
      );
      expect(out.code, `${c.what}: ${out.stderr}`).to.equal(c.code);
      if (c.says) {
        expect(out.stderr.split('\n').filter(Boolean), c.what).to.have.length(1);
        expect(out.stderr.trimEnd(), c.what).to.match(c.says);
      }
      const outputs = [out.stdout, out.stderr];
      for (const f of ['results.json', 'junit.xml', 'index.html'])
        if (existsSync(join(reportDir, f))) outputs.push(readFileSync(join(reportDir, f), 'utf8'));
      for (const fragment of fragments(c.secret))
        for (const text of outputs)
          expect(text.includes(fragment), `${c.what}: leaked ${fragment.slice(0, 12)}…`).to.equal(false);
      seen.push(c.what);
    }
    expect(seen).to.have.length(16);
  });

  it('webhook-test: a garbage secret is named by its variable, never echoed', async () => {
    const out = await runCli(
      [
        'webhook-test',
        'lesspay',
        '--handler-url',
        `${lesspay.url}/nowhere`,
        '--report-dir',
        join(dir, `r${n++}`),
      ],
      { LESSPAY_APP_SECRET: garbage },
    );
    expect(out.code).to.equal(2);
    expect(out.stdout + out.stderr).not.to.include(garbage);
  });
});
