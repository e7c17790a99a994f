import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../test/cli/run-cli.js';
import { type Fault, type Gateway, type RunningHandler, startHandler } from './handler.js';

// Issue 16, through the real binary: `paycert webhook-test` tells a tester's mistake (wrong secret, an order-status
// URL that cannot find an order) from a handler's fault, before any check; what it cannot judge makes the verdict
// incomplete, never certified.

const SECRET = 'example-handler-cli-secret';
const ENV = { LESSPAY_APP_SECRET: SECRET, PAYLOCO_WEBHOOK_SECRET: SECRET };

describe('examples · webhook-test through the CLI: tester mistakes and incomplete verdicts', function () {
  this.timeout(60_000);
  let dir: string;
  const handlers: RunningHandler[] = [];
  let other: Server;
  let otherUrl = '';
  let closedUrl = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-handler-cli-'));
    // Answers JSON, but not the documented {"status","processed"}.
    other = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    );
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
  });
  after(async () => {
    await Promise.all(handlers.map((h) => h.close()));
    await new Promise((r) => other.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  async function handler(gateway: Gateway, fault?: Fault, secret = SECRET) {
    const h = await startHandler({ gateway, secret, fault });
    handlers.push(h);
    return h;
  }
  const test = (gateway: Gateway, args: string[], env: NodeJS.ProcessEnv = ENV) =>
    runCli(['webhook-test', gateway, '--quiet', '--report-dir', dir, ...args], env);

  it('without --order-status-url, a handler that processes duplicates twice is incomplete (exit 1), not certified', async () => {
    const h = await handler('lesspay', 'processes-duplicates');
    const out = await test('lesspay', ['--handler-url', h.handlerUrl]);
    expect(out.code, out.stderr).to.equal(1);
    const lines = out.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('lesspay: '))).to.match(
      /^lesspay: INCOMPLETE — 9 passed, 0 failed/,
    );
    expect(lines).to.include(
      '  not judged: LPH-ACK-003, LPH-SIG-004, LPH-DUP-002 — needs --order-status-url to observe what the handler processed',
    );
    expect(lines).to.include(
      'verdict: incomplete (3 MUST checks not judged; give what the lines above name, or accept with --allow-incomplete)',
    );
  });

  it('an --order-status-url without a placeholder is refused before any check (a 404 is never "unchanged")', async () => {
    const h = await handler('lesspay', 'accepts-any-signature');
    const out = await test('lesspay', [
      '--handler-url',
      h.handlerUrl,
      '--order-status-url',
      h.orderStatusUrl.replace('{request_id}', ''),
    ]);
    expect(out.code).to.equal(2);
    expect(out.stdout).to.equal('');
    expect(out.stderr).to.equal(
      'paycert: --order-status-url must name the order with {request_id}, {merchantOrderId} or {id}, e.g. http://127.0.0.1:3000/orders/{request_id}\n',
    );
  });

  it('an --order-status-url that cannot find an acknowledged order is a tester mistake (exit 2), not a pass', async () => {
    const h = await handler('lesspay', 'accepts-any-signature');
    const wrong = h.orderStatusUrl.replace('/orders/', '/order/');
    const out = await test('lesspay', ['--handler-url', h.handlerUrl, '--order-status-url', wrong]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(
      /^paycert: --order-status-url http:\/\/127\.0\.0\.1:\d+\/order\/%7Brequest_id%7D answered HTTP 404 for order PF\w+, which the handler had just acknowledged \(read for 5000 ms\): is the template right \(e\.g\. http:\/\/127\.0\.0\.1:3000\/orders\/\{request_id\}\)\?\n$/,
    );
  });

  it('an --order-status-url nobody answers is exit 2 with the reason, not exit 1', async () => {
    const h = await handler('payloco');
    const out = await test('payloco', [
      '--handler-url',
      h.handlerUrl,
      '--order-status-url',
      `${closedUrl}/orders/{id}`,
    ]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(
      /^paycert: --order-status-url http:\/\/127\.0\.0\.1:\d+\/orders\/%7Bid%7D is unreachable: .*connection refused.*\n$/i,
    );
  });

  it('an --order-status-url that answers other JSON than {"status","processed"} is exit 2', async () => {
    const h = await handler('payloco');
    const out = await test('payloco', [
      '--handler-url',
      h.handlerUrl,
      '--order-status-url',
      `${otherUrl}/o/{id}`,
    ]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(
      /^paycert: --order-status-url http:\/\/127\.0\.0\.1:\d+\/o\/%7Bid%7D does not answer the documented JSON \{"status": "…", "processed": n\} for order PF\w+, which the handler had just acknowledged\n$/,
    );
  });

  // Issue 21: an order-status URL that answers the documented shape with the order unapplied shows the handler's
  // fault (it acknowledged without applying): a failed MUST check, exit 1; the URL is not blamed.
  for (const [gateway, id] of [
    ['lesspay', 'LPH-ACK-003'],
    ['payloco', 'PLH-ACK-002'],
  ] as const) {
    it(`${gateway}: a handler that acknowledges without applying fails ${id} (exit 1), the URL is not blamed`, async () => {
      const h = await handler(gateway, 'acks-without-applying');
      const reportDir = join(dir, `acks-${gateway}`);
      const out = await runCli(
        [
          'webhook-test',
          gateway,
          '--report-dir',
          reportDir,
          '--timeout',
          '500',
          '--handler-url',
          h.handlerUrl,
          '--order-status-url',
          h.orderStatusUrl,
        ],
        ENV,
      );
      expect(out.code, out.stderr).to.equal(1);
      expect(out.stderr).not.to.match(/order-status-url/);
      expect(out.stdout).to.match(
        new RegExp(
          `^FAIL +${id}\\s+MUST\\s+(?:[LP]\\d+: )?an acknowledged valid callback is applied.* — .*acknowledged but not applied`,
          'm',
        ),
      );
      expect(out.stdout).to.match(/^verdict: not-certified( \(.*\))?$/m);
      const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
      expect(results.verdict).to.equal('not-certified');
      const failed = results.checks.filter((c: { status: string }) => c.status === 'failed');
      expect(failed.map((c: { id: string }) => c.id)).to.deep.equal([id]);
      expect(failed[0].received).to.deep.equal({ status: null, processed: 0 });
    });
  }

  for (const gateway of ['lesspay', 'payloco'] as const) {
    it(`${gateway}: a secret the handler does not use is a tester mistake (exit 2 with a hint), not a failed check`, async () => {
      const h = await handler(gateway, undefined, 'the-handlers-real-secret');
      const out = await test(gateway, [
        '--handler-url',
        h.handlerUrl,
        '--order-status-url',
        h.orderStatusUrl,
      ]);
      const variable = gateway === 'lesspay' ? 'LESSPAY_APP_SECRET' : 'PAYLOCO_WEBHOOK_SECRET';
      expect(out.code).to.equal(2);
      expect(out.stdout).to.equal('');
      expect(out.stderr).to.equal(
        `paycert: the handler answered a correctly signed callback exactly as a wrongly signed one (HTTP 401): check that ${variable} is the secret the handler verifies with (if it is, the handler refuses every callback, or those of orders it never created: see --order-setup-url)\n`,
      );
    });
  }

  it('issue 23: a --handler-url with a wrong path is named as the path, not as a wrong secret', async () => {
    const h = await handler('lesspay');
    const wrong = h.handlerUrl.replace(/\/webhook$/, '/lesspay/notify');
    const out = await test('lesspay', ['--handler-url', wrong]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      `paycert: the handler URL ${wrong} answered HTTP 404 to every callback, signed or not: nothing handles callbacks at that path; check the path of --handler-url (or, if the handler answers 404 for orders it never created, see --order-setup-url)\n`,
    );
    expect(out.stderr).not.to.include('LESSPAY_APP_SECRET');
  });

  it('the report names a handler check\'s source once ("lesspay §6.1 …", never "lesspay § lesspay §6.1 …")', async () => {
    const h = await handler('lesspay');
    const reportDir = join(dir, 'spec-label');
    const out = await runCli(
      [
        'webhook-test',
        'lesspay',
        '--quiet',
        '--report-dir',
        reportDir,
        '--handler-url',
        h.handlerUrl,
        '--order-status-url',
        h.orderStatusUrl,
      ],
      ENV,
    );
    expect(out.code, out.stderr).to.equal(0);
    const html = readFileSync(join(reportDir, 'index.html'), 'utf8');
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    expect(html).not.to.include('lesspay § lesspay');
    expect(junit).not.to.include('lesspay § lesspay');
    expect(junit).to.include('<property name="spec" value="lesspay §6.1 Pay-in webhook"/>');
    // A handler run certifies no gateway endpoint: no gateway coverage grid, no coverage.json.
    expect(html).not.to.include('<h2>Coverage</h2>');
    expect(existsSync(join(reportDir, 'coverage.json'))).to.equal(false);
  });
});
