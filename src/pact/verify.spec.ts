import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Gateway, Results } from '../core/results.js';
import { startEmbedded } from '../engine/embedded.js';
import { writeReport } from '../output/outputs.js';
import { contractFile } from './contract.js';
import { checkIds, readInteractions, toChecks, verifyContracts } from './verify.js';

// The native verifier prints its own report to stdout; the assertions below are on the mapped paycert results.

async function verifyMock(gateway: Gateway, opts: { variant?: 'a' | 'b'; fault?: string }): Promise<Results> {
  const { target, mock } = await startEmbedded(gateway, { variant: opts.variant ?? 'a', fault: opts.fault });
  try {
    return await verifyContracts({
      gateway,
      baseUrl: target.baseUrl,
      credentials: target.credentials,
      timeoutMs: 5000,
      deadlineMs: 40_000,
      targetKind: 'embedded-mock',
    });
  } finally {
    await mock.close();
  }
}

const failedTitles = (r: Results) => r.checks.filter((c) => c.status !== 'passed').map((c) => c.title);

describe('pact/verify: the contracts against the bundled mocks', function () {
  this.timeout(60_000);

  for (const gateway of ['lesspay', 'payloco'] as const) {
    const interactions = readInteractions([contractFile(gateway)]).length;
    for (const variant of ['a', 'b'] as const) {
      it(`${gateway} variant ${variant} verifies every interaction`, async () => {
        const r = await verifyMock(gateway, { variant });
        expect(
          failedTitles(r),
          JSON.stringify(
            r.checks.filter((c) => c.status !== 'passed'),
            null,
            1,
          ),
        ).to.deep.equal([]);
        expect(r.checks).to.have.length(interactions);
        expect(r.verdict).to.equal('certified');
        expect(r.command).to.equal('verify');
      });
    }
  }

  const faults: { gateway: Gateway; fault: string; fails: string[]; message: RegExp }[] = [
    {
      gateway: 'lesspay',
      fault: 'code-as-string',
      fails: ['a cashier pay-in order is created', 'a pay-in order is queried by request_id'],
      message: /\$\.code/,
    },
    {
      gateway: 'lesspay',
      fault: 'query-msg-not-found-wrong',
      fails: ['a pay-in query for an unknown order is refused'],
      message: /Order does not exist/,
    },
    {
      gateway: 'payloco',
      fault: 'trace-id-missing',
      fails: ['an active QR payment is accepted as pending', 'an order is queried by merchantOrderId'],
      message: /traceId/,
    },
    {
      gateway: 'payloco',
      fault: 'code-numeric',
      fails: [
        'a MICROPAY payment succeeds or is pending',
        'a payment without transType is refused with 22070030',
      ],
      message: /\$\.code/,
    },
  ];
  for (const f of faults) {
    it(`${f.gateway} fault ${f.fault} fails, naming the interaction`, async () => {
      const r = await verifyMock(f.gateway, { fault: f.fault });
      expect(r.verdict).to.equal('not-certified');
      const failed = failedTitles(r);
      for (const title of f.fails) expect(failed).to.include(title);
      const check = r.checks.find((c) => c.title === f.fails[0])!;
      expect(check.status).to.equal('failed');
      expect(check.level).to.equal('MUST');
      expect(check.message).to.match(f.message);
      expect(check.evidence?.[0]?.response?.status, 'the replayed exchange is the evidence').to.be.a(
        'number',
      );
    });
  }

  it('only the interaction the fault breaks fails (query-msg-not-found-wrong)', async () => {
    const r = await verifyMock('lesspay', { fault: 'query-msg-not-found-wrong' });
    expect(failedTitles(r)).to.deep.equal(['a pay-in query for an unknown order is refused']);
  });

  it('results are written as results.json, junit.xml and index.html', async () => {
    const r = await verifyMock('payloco', { fault: 'code-numeric' });
    const dir = mkdtempSync(join(tmpdir(), 'paycert-verify-'));
    try {
      const written = writeReport(r, dir);
      const json = JSON.parse(readFileSync(written.results, 'utf8'));
      expect(json.format).to.equal('paycert-results/1');
      expect(json.checks.map((c: { id: string }) => c.id)).to.include('PACT-PL-001');
      expect(readFileSync(written.junit, 'utf8')).to.contain('PACT-PL-001');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable target as an error, not a failure', async () => {
    const r = await verifyContracts({
      gateway: 'lesspay',
      baseUrl: 'http://127.0.0.1:9',
      credentials: { appId: 'a', appSecret: 's' },
      timeoutMs: 1000,
      deadlineMs: 30_000,
    });
    expect(r.verdict).to.equal('error');
    expect(r.checks.map((c) => c.status)).to.satisfy((s: string[]) => s.every((x) => x === 'error'));
  });
});

describe('pact/verify: mapping verifier output to checks', () => {
  it('numbers interactions by sorted description', () => {
    const ids = checkIds('payloco', ['b second', 'a first', 'b second']);
    expect([...ids.entries()]).to.deep.equal([
      ['a first', 'PACT-PL-001'],
      ['b second', 'PACT-PL-002'],
    ]);
  });

  it('every check id matches the results schema pattern', () => {
    for (const gateway of ['lesspay', 'payloco'] as const)
      for (const id of checkIds(gateway, ['x', 'y']).values()) expect(id).to.match(/^[A-Z]+(-[A-Z0-9]+)+$/);
  });

  it('turns mismatches into a failed check and a missing result into an error', () => {
    const recorded = [
      { description: 'one', method: 'POST', path: '/v1/payments/open/api/pay', states: ['s'] },
      { description: 'two', states: [] },
      { description: 'three', states: [], reading: 'P3' },
    ];
    const json = {
      interactionResults: [
        { description: 'one', result: 'Error', duration: '1s 250ms' },
        { description: 'three', result: 'OK' },
      ],
      errors: [
        {
          interaction: 'Verifying a pact between c and p Given s - one',
          mismatch: {
            mismatches: [
              { path: '$.code', mismatch: "Expected '3' to be a string", expected: '3', actual: 3 },
            ],
          },
        },
      ],
    };
    const checks = toChecks('payloco', recorded, json, {
      stateErrors: [{ state: 's', error: 'refused', transport: false }],
      exchanges: [],
    });
    const byTitle = Object.fromEntries(checks.map((c) => [c.title, c]));
    expect(byTitle.one).to.include({
      status: 'failed',
      reading: 'P7',
      endpoint: 'POST /v1/payments/open/api/pay',
      durationMs: 1250,
    });
    expect(byTitle.one!.message)
      .to.contain("$.code: Expected '3' to be a string")
      .and.contain('"s" could not be set up');
    expect(byTitle.two!.status).to.equal('error');
    expect(byTitle.three).to.include({ status: 'passed', reading: 'P3' });
  });
});
