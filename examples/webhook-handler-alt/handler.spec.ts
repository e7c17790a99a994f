import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { webhookTestCommand } from '../../src/commands/webhook-test.js';
import type { Results } from '../../src/core/results.js';
import { runCli } from '../../test/cli/run-cli.js';
import { type AltFault, type RunningAltHandler, startAltHandler } from './handler.js';

// `paycert webhook-test` against the second conformant handler, through the same entry point as
// examples/webhook-handler/handler.spec.ts: a handler shaped differently wherever the docs allow must pass too.

const SECRET = 'alt-handler-test-secret';
const ENV = { LESSPAY_APP_SECRET: SECRET, PAYLOCO_WEBHOOK_SECRET: SECRET };
type Gateway = 'lesspay' | 'payloco';

/** Every handler check of the gateway, sorted. */
const ALL: Record<Gateway, string[]> = Object.fromEntries(
  (['lesspay', 'payloco'] as const).map((g) => [
    g,
    JSON.parse(
      readFileSync(
        fileURLToPath(new URL(`../../suites/handler/catalogue/${g}.json`, import.meta.url)),
        'utf8',
      ),
    )
      .checks.map((c: { id: string }) => c.id)
      .sort(),
  ]),
) as Record<Gateway, string[]>;

async function webhookTest(
  handler: RunningAltHandler,
  gateway: Gateway,
  reportDir: string,
  withStatus = true,
  withSetup = true,
): Promise<{ code: number; results: Results }> {
  const out: { results?: Results } = {};
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await webhookTestCommand(
      gateway,
      {
        handlerUrl: gateway === 'lesspay' ? handler.lesspayUrl : handler.paylocoUrl,
        orderStatusUrl: withStatus ? handler.orderStatusUrl : undefined,
        orderSetupUrl: withSetup ? handler.orderSetupUrl : undefined,
        reportDir,
        quiet: true,
      },
      ENV,
      out,
    );
    return { code, results: out.results! };
  } finally {
    process.stdout.write = write;
  }
}

/**
 * Each fault fails exactly these checks (the processing checks judge a handler that applies callbacks late):
 * generated from the checks' killedBy (`alt:` names in suites/handler/<gw>.cases.ts).
 */
const FAULTS: Record<Gateway, Record<AltFault, string[]>> = JSON.parse(
  readFileSync(fileURLToPath(new URL('./faults.expected.json', import.meta.url)), 'utf8'),
);

const ids = (r: Results, status: string) =>
  r.checks
    .filter((c) => c.status === status)
    .map((c) => c.id)
    .sort();

describe('examples · second webhook handler (alt) under paycert webhook-test', function () {
  this.timeout(60_000);
  let dir: string;
  let handler: RunningAltHandler;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-alt-handler-'));
    handler = await startAltHandler({
      lesspaySecret: SECRET,
      paylocoSecret: SECRET,
      storeDir: join(dir, 'store'),
    });
  });
  after(async () => {
    await handler.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const gateway of ['lesspay', 'payloco'] as const) {
    it(`${gateway}: passes every handler check, none skipped`, async () => {
      const { code, results } = await webhookTest(handler, gateway, join(dir, gateway));
      const detail = results.checks.map((c) => `${c.id} ${c.status}: ${c.message ?? ''}`).join('\n');
      expect(ids(results, 'passed'), detail).to.deep.equal(ALL[gateway]);
      expect(results.checks.map((c) => c.id).sort()).to.deep.equal(ALL[gateway]);
      expect(code).to.equal(0);
    });

    for (const [fault, fails] of Object.entries(FAULTS[gateway])) {
      it(`${gateway}: the ${fault} variant fails exactly ${fails.join(', ')}`, async () => {
        const faulty = await startAltHandler({
          lesspaySecret: SECRET,
          paylocoSecret: SECRET,
          storeDir: join(dir, `store-${gateway}-${fault}`),
          fault: fault as AltFault,
        });
        try {
          const { results } = await webhookTest(faulty, gateway, join(dir, `${gateway}-${fault}`));
          const detail = results.checks.map((c) => `${c.id} ${c.status}: ${c.message ?? ''}`).join('\n');
          expect(ids(results, 'failed'), detail).to.deep.equal(fails);
          expect(ids(results, 'error'), detail).to.deep.equal([]);
        } finally {
          await faulty.close();
        }
      });
    }

    it(`${gateway}: without --order-status-url, the same four checks as for the first handler skip`, async () => {
      const { results } = await webhookTest(handler, gateway, join(dir, `${gateway}-nostatus`), false);
      expect(ids(results, 'failed')).to.deep.equal([]);
      expect(ids(results, 'skipped').map((id) => id.replace(/^[A-Z]+-/, ''))).to.deep.equal([
        gateway === 'lesspay' ? 'ACK-003' : 'ACK-002',
        'DUP-002',
        'ORD-001',
        'SIG-004',
      ]);
    });
  }

  /** Signs a Lesspay body as L3 does, for bodies of strings and arrays only. */
  function lesspaySignature(body: Record<string, unknown>): string {
    const text = Object.keys(body)
      .sort()
      .map((k) => `${k}=${typeof body[k] === 'string' ? body[k] : JSON.stringify(body[k])}`)
      .join('&');
    return createHash('sha256').update(`${text}&key=${SECRET}`).digest('hex').toUpperCase();
  }

  async function createOrder(
    h: RunningAltHandler,
    gateway: Gateway,
    id: string,
    amount: string,
    currency: string,
  ) {
    const res = await fetch(h.orderSetupUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ gateway, id, amount, currency }),
    });
    expect(res.status).to.equal(201);
  }

  it('without --order-setup-url its refusals fail the acknowledgement checks, with a note naming the flag', async () => {
    const { results } = await webhookTest(handler, 'lesspay', join(dir, 'no-setup'), true, false);
    const ack = results.checks.find((c) => c.id === 'LPH-ACK-001')!;
    expect(ack.status).to.equal('failed');
    expect(ack.message).to.match(
      /HTTP 404: if the handler refuses callbacks for orders it never created, give --order-setup-url/,
    );
  });

  it('refuses a correctly signed callback for an order it never created, or for another amount', async () => {
    const body = {
      request_id: 'NEVER-CREATED',
      order_status: 'SUCCEED',
      target_amount: '5.00',
      target_currency: 'USD',
    };
    const post = () =>
      fetch(handler.lesspayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-signature': lesspaySignature(body) },
        body: JSON.stringify(body),
      });
    expect((await post()).status).to.equal(404);
    await createOrder(handler, 'lesspay', 'NEVER-CREATED', '6.00', 'USD');
    expect((await post()).status).to.equal(409);
  });

  it('keeps its journal across a restart: an acknowledged callback is not applied twice', async () => {
    const storeDir = join(dir, 'store-restart');
    const body = {
      request_id: 'RESTART-1',
      pay_order_id: 'P1',
      order_status: 'SUCCEED',
      target_amount: '1.00',
      target_currency: 'USD',
    };
    const post = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Auth-Signature': lesspaySignature(body) },
        body: JSON.stringify(body),
      });
    const status = async (h: RunningAltHandler) =>
      (await fetch(h.orderStatusUrl.replace('{merchantOrderId}', 'RESTART-1'))).json();
    const first = await startAltHandler({ lesspaySecret: SECRET, storeDir });
    await createOrder(first, 'lesspay', 'RESTART-1', '1.00', 'USD');
    expect(await (await post(first.lesspayUrl)).text()).to.equal('SUCCESS');
    await first.close();
    const second = await startAltHandler({ lesspaySecret: SECRET, storeDir });
    try {
      await second.idle();
      expect(await status(second)).to.include({ status: 2, status_name: 'SUCCEED', processed: 1 });
      expect(await (await post(second.lesspayUrl)).text()).to.equal('SUCCESS');
      await second.idle();
      expect(await status(second)).to.include({ processed: 1 });
    } finally {
      await second.close();
    }
  });

  it('Lesspay payout callbacks: verified over the whole body, acknowledged with {"code":0}', async () => {
    // The payout rule signs every field, api_version included (lesspay.md §6.3), arrays as JSON text.
    const body = {
      pay_order_id: 'PO1',
      request_id: 'PAYOUT-ALT-1',
      order_status: 'SUCCESS',
      currency: 'PHP',
      total_amount: '10.00',
      details: [{ mch_order_id: 'M1', amount: '10.00', status: 'SUCCEED' }],
      api_version: 'v1',
    };
    await createOrder(handler, 'lesspay', 'PAYOUT-ALT-1', '10.00', 'PHP');
    const signature = lesspaySignature(body);
    const post = (sig: string) =>
      fetch(handler.lesspayPayoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-signature': sig },
        body: JSON.stringify(body),
      });
    const forged = await post(signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
    expect(forged.status).to.equal(403);
    const ok = await post(signature);
    expect(ok.status).to.equal(200);
    expect(await ok.json()).to.deep.equal({ code: 0 });
  });

  it('Payloco: compares x-signature as bytes, so an upper-case hex digest is the same signature', async () => {
    await createOrder(handler, 'payloco', 'CASE-1', '1.50', 'EUR');
    const raw = JSON.stringify({
      id: 'evt_alt_case',
      name: 'payment_intent.result',
      notifyTime: new Date().toISOString(),
      data: { merchantOrderId: 'CASE-1', status: 'SUCCESS', transAmt: '1.50', currency: 'EUR' },
    });
    const signature = createHmac('sha256', SECRET).update(raw).digest('hex').toUpperCase();
    const res = await fetch(handler.paylocoUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Signature': signature,
        'X-Timestamp': `${Date.now()}`,
      },
      body: raw,
    });
    expect(await res.json()).to.include({ code: '00000000', message: 'Success' });
  });

  it('through the binary: both gateways certified with --order-status-url and --order-setup-url (exit 0)', async () => {
    for (const [gateway, url] of [
      ['lesspay', handler.lesspayUrl],
      ['payloco', handler.paylocoUrl],
    ] as const) {
      const out = await runCli(
        [
          'webhook-test',
          gateway,
          '--handler-url',
          url,
          '--order-status-url',
          handler.orderStatusUrl,
          '--order-setup-url',
          handler.orderSetupUrl,
          '--report-dir',
          join(dir, `cli-${gateway}`),
        ],
        ENV,
      );
      expect(out.code, out.stdout + out.stderr).to.equal(0);
      expect(out.stdout).to.match(
        new RegExp(`${gateway}: CERTIFIED — 13 passed, 0 failed, 0 skipped, 0 error`),
      );
    }
  });

  it('through the binary: an --order-setup-url that does not create the order is a tester mistake (exit 2)', async () => {
    const common = ['webhook-test', 'lesspay', '--quiet', '--handler-url', handler.lesspayUrl];
    const refused = await runCli(
      [...common, '--order-setup-url', handler.orderStatusUrl.replace(/\?.*/, '')],
      ENV,
    );
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(/^paycert: --order-setup-url answered HTTP 405 for order PF\w+\n$/);
    const invalid = await runCli([...common, '--order-setup-url', 'not-a-url'], ENV);
    expect(invalid.code).to.equal(2);
    expect(invalid.stderr).to.equal('paycert: --order-setup-url must be an http(s) URL, got not-a-url\n');
  });
});
