import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { webhookTestCommand } from '../../src/commands/webhook-test.js';
import type { Results } from '../../src/core/results.js';
import { cliArgs } from '../../test/cli/run-cli.js';
import { type Fault, type Gateway, startHandler } from './handler.js';

// `paycert webhook-test` against the example handler: the correct one passes every check, each faulty variant
// fails exactly the checks named for it.

const SECRET = 'example-handler-test-secret';
const ENV = { LESSPAY_APP_SECRET: SECRET, PAYLOCO_WEBHOOK_SECRET: SECRET };

/** What each faulty handler fails, exactly: generated from the checks' killedBy (suites/handler/<gw>.cases.ts). */
const EXPECTED: Record<Gateway, Partial<Record<Fault, string[]>>> = JSON.parse(
  readFileSync(fileURLToPath(new URL('./faults.expected.json', import.meta.url)), 'utf8'),
);

async function webhookTest(gateway: Gateway, fault: Fault | undefined, reportDir: string, withStatus = true) {
  const handler = await startHandler({ gateway, secret: SECRET, fault });
  const out: { results?: Results } = {};
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await webhookTestCommand(
      gateway,
      {
        handlerUrl: handler.handlerUrl,
        orderStatusUrl: withStatus ? handler.orderStatusUrl : undefined,
        reportDir,
        quiet: true,
        // A handler that never applies makes every order read wait out the timeout: keep it short.
        ...(fault === 'acks-without-applying' ? { timeout: 500 } : {}),
      },
      ENV,
      out,
    );
    return { code, results: out.results! };
  } finally {
    process.stdout.write = write;
    await handler.close();
  }
}

const ids = (r: Results, status: string) =>
  r.checks
    .filter((c) => c.status === status)
    .map((c) => c.id)
    .sort();

describe('examples · webhook handler under paycert webhook-test', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-handler-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const gateway of ['lesspay', 'payloco'] as const) {
    it(`${gateway}: the correct handler passes every check`, async () => {
      const { code, results } = await webhookTest(gateway, undefined, dir);
      const bad = results.checks
        .filter((c) => c.status !== 'passed')
        .map((c) => `${c.id} ${c.status}: ${c.message}`);
      expect(bad).to.deep.equal([]);
      expect(results.command).to.equal('webhook-test');
      expect(code).to.equal(0);
    });

    it(`${gateway}: without --order-status-url the processing checks skip with the reason`, async () => {
      const { results } = await webhookTest(gateway, undefined, dir, false);
      const skipped = results.checks.filter((c) => c.status === 'skipped');
      expect(skipped.map((c) => c.id.replace(/^[A-Z]+-/, '')).sort()).to.deep.equal([
        gateway === 'lesspay' ? 'ACK-003' : 'ACK-002',
        'DUP-002',
        'ORD-001',
        'SIG-004',
      ]);
      for (const c of skipped) expect(c.message).to.match(/--order-status-url/);
      expect(ids(results, 'failed')).to.deep.equal([]);
    });

    for (const [fault, fails] of Object.entries(EXPECTED[gateway])) {
      it(`${gateway}: the ${fault} handler fails ${fails.join(', ')}`, async () => {
        const { code, results } = await webhookTest(gateway, fault as Fault, dir);
        expect(
          ids(results, 'failed'),
          results.checks.map((c) => `${c.id} ${c.status} ${c.message}`).join('\n'),
        ).to.deep.equal([...fails].sort());
        const must = results.checks.some(
          (c) => c.level === 'MUST' && (c.status === 'failed' || c.status === 'error'),
        );
        expect(code).to.equal(must ? 1 : 0);
      });
    }
  }

  it('the CLI runs webhook-test and writes a report (exit 0), and refuses without the secret (exit 2)', async () => {
    const handler = await startHandler({ gateway: 'payloco', secret: SECRET });
    const run = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        const args = [
          ...cliArgs,
          'webhook-test',
          'payloco',
          '--handler-url',
          handler.handlerUrl,
          '--order-status-url',
          handler.orderStatusUrl,
          '--report-dir',
          dir,
          '--quiet',
        ];
        execFile(
          process.execPath,
          args,
          { env: { PATH: process.env.PATH, ...env } },
          (err, _stdout, stderr) =>
            resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
        );
      });
    try {
      expect((await run(ENV)).code).to.equal(0);
      const refused = await run({});
      expect(refused.code).to.equal(2);
      expect(refused.stderr).to.match(/PAYLOCO_WEBHOOK_SECRET/);
    } finally {
      await handler.close();
    }
  });
});
