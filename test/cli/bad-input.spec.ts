import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from './run-cli.js';

// Every way of calling paycert wrongly ends with one line on stderr naming the problem, exit code 2, no stack.

const dir = mkdtempSync(join(tmpdir(), 'paycert-cli-'));
const notJson = join(dir, 'not-json.json');
const unknownCheck = join(dir, 'unknown-check.json');
const publicKey = join(dir, 'public.pem');
writeFileSync(notJson, '{ this is not json');
writeFileSync(unknownCheck, JSON.stringify({ deviations: [{ check: 'LP-NOPE-999', reason: 'typo' }] }));
writeFileSync(
  publicKey,
  '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAgAuG27kWX9WFmVnlZvDoZhxUhupkA3mbPeIlqTjY6KmrTl6jd6GA708OHN0NRZcHEHApT7fGOUIKwBhMmWwZinDq7D6bQ0F1Br5o/XvOt3uyJfwi5diyS0Eh24oQPexxn3bGPS8csGoA+gPPnnscux+Lh2ZJALJc3J1kYHy/90b81vSX0wAtX/GVKHtWeLqnG3du93PcMBpgd4P++bG/CsV8IozyiZZ7QOlFQcHBeZZkGGvPllvz/x2BjlJQQcJFpYc16nWm30qALzj4r4qPyzSYAwQZHtWs47LDgfHRs9dHnZoF+qQsDjrHvvpoeaAUtotbqTaK/gWlEuJj8QhGwwIDAQAB\n-----END PUBLIC KEY-----\n',
);
const lesspayEnv = { LESSPAY_APP_ID: 'app', LESSPAY_APP_SECRET: 'paycert-cli-test-secret' };

let htmlServer: Server;
let htmlUrl = '';
let closedUrl = '';

before(async () => {
  htmlServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>maintenance</body></html>');
  });
  await new Promise<void>((r) => htmlServer.listen(0, '127.0.0.1', r));
  htmlUrl = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));
});

after(() => new Promise((r) => htmlServer.close(r)));

const cases: { what: string; args: () => string[]; env?: NodeJS.ProcessEnv; says: RegExp }[] = [
  { what: 'unknown gateway', args: () => ['run', 'paypal'], says: /unknown gateway "paypal"/ },
  {
    what: 'unknown flag',
    args: () => ['run', 'lesspay', '--frobnicate'],
    says: /unknown option '--frobnicate'/,
  },
  { what: 'unknown command', args: () => ['certify'], says: /unknown command/ },
  {
    what: 'malformed URL',
    args: () => ['run', 'lesspay', '--base-url', 'not a url'],
    env: lesspayEnv,
    says: /not a valid URL/,
  },
  {
    what: 'non-numeric --rate',
    args: () => ['run', 'lesspay', '--rate', 'fast'],
    says: /--rate must be a number/,
  },
  {
    what: 'non-numeric --timeout',
    args: () => ['run', 'lesspay', '--timeout', '5s'],
    says: /--timeout must be a whole number/,
  },
  { what: 'bad --shard', args: () => ['run', '--shard', '3/2'], says: /--shard must be i\/n/ },
  {
    what: 'bad --run-id',
    args: () => ['run', '--run-id', 'two words'],
    says: /--run-id must be 1-128 letters/,
  },
  { what: 'bad --seed', args: () => ['run', '--seed', '-1'], says: /--seed must be a whole number/ },
  {
    what: 'zero --budget',
    args: () => ['run', '--budget', '0'],
    says: /--budget must be a whole number >= 1/,
  },
  {
    what: 'missing credential',
    args: () => ['run', 'lesspay', '--base-url', closedUrl],
    says: /missing credential: LESSPAY_APP_ID/,
  },
  {
    what: 'missing secret',
    args: () => ['run', 'lesspay', '--base-url', closedUrl],
    env: { LESSPAY_APP_ID: 'app' },
    says: /missing credential: LESSPAY_APP_SECRET/,
  },
  {
    what: 'unreadable key file',
    args: () => ['run', 'payloco', '--base-url', closedUrl],
    env: { PAYLOCO_MERCHANT_ID: 'm', PAYLOCO_PRIVATE_KEY: join(dir, 'absent.pem') },
    says: /^paycert: cannot read the private key file named by PAYLOCO_PRIVATE_KEY: no such file$/,
  },
  {
    what: 'a PEM that is not a private key',
    args: () => ['run', 'payloco', '--base-url', closedUrl],
    env: { PAYLOCO_MERCHANT_ID: 'm', PAYLOCO_PRIVATE_KEY: publicKey },
    says: /^paycert: PAYLOCO_PRIVATE_KEY is not a usable merchant key: not a PEM private key/,
  },
  {
    what: 'unwritable report dir',
    args: () => ['run', 'lesspay', '--report-dir', '/etc/hostname/reports'],
    says: /cannot write to report directory/,
  },
  {
    what: 'deviations not JSON',
    args: () => ['run', 'lesspay', '--deviations', notJson],
    says: /is not valid JSON/,
  },
  {
    what: 'deviations naming an unknown check',
    args: () => ['run', 'lesspay', '--deviations', unknownCheck],
    says: /unknown check ID LP-NOPE-999/,
  },
  {
    what: 'unreachable target',
    args: () => ['run', 'lesspay', '--base-url', closedUrl],
    env: lesspayEnv,
    says: /unreachable: connection refused/,
  },
  {
    what: 'a target answering HTML',
    args: () => ['run', 'lesspay', '--base-url', htmlUrl],
    env: lesspayEnv,
    says: /does not answer like a lesspay gateway/,
  },
  {
    what: 'a production host',
    args: () => ['run', 'payloco', '--base-url', 'https://api.payloco.com/gateway'],
    says: /looks like a production gateway host/,
  },
  {
    what: '--base-url with two gateways',
    args: () => ['run', 'all', '--base-url', closedUrl],
    says: /certifies one gateway/,
  },
  {
    what: 'unknown fault',
    args: () => ['serve', 'lesspay', '--fault', 'nope'],
    says: /unknown fault "nope"/,
  },
];

/** A run that gets as far as writing its report (a target refused at the smoke request) writes it under this spec's
 * temp folder, never into the checkout's reports/ (spec files run in parallel); a case naming its own keeps it. */
const reportInTemp = (args: string[]) =>
  args[0] === 'run' && !args.includes('--report-dir')
    ? [...args, '--report-dir', join(dir, 'reports')]
    : args;

describe('paycert on bad input', function () {
  this.timeout(60_000);
  for (const c of cases) {
    it(`${c.what} gives one line and exit 2`, async () => {
      const out = await runCli(reportInTemp(c.args()), c.env);
      expect(out.code, out.stderr).to.equal(2);
      const lines = out.stderr.trimEnd().split('\n');
      expect(lines, out.stderr).to.have.length(1);
      expect(lines[0]).to.match(/^paycert: /);
      expect(lines[0]).to.match(c.says);
      expect(out.stderr + out.stdout).not.to.match(/\n\s+at /);
    });
  }
});
