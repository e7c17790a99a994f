import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { runCli } from './run-cli.js';

// The generated checks through the real binary: a failing input names its seed and replay command, the replay
// draws the same input, and coverage.json lands beside results.json.

describe('paycert run: generated checks', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'paycert-generated-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(name: string, args: string[]) {
    const reportDir = join(dir, name);
    const out = await runCli(['run', 'lesspay', '--report-dir', reportDir, ...args]);
    const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    return { out, results, reportDir };
  }

  it('a failing generated check is replayed exactly by the command its message prints', async () => {
    const only = [
      '--only',
      'LP-GEN-CO-SUCCESS-URL-BAD-URL',
      '--mock-fault',
      'non-http-url-accepted',
      '--seed',
      '5',
      '--budget',
      '10',
    ];
    const first = await run('first', only);
    expect(first.out.code).to.equal(1);
    expect(first.out.stdout).to.include('generated checks: seed 5, budget 10');
    const check = first.results.checks[0];
    expect(check.status).to.equal('failed');
    expect(check.message).to.include(
      'replay: paycert run lesspay --seed 5 --only LP-GEN-CO-SUCCESS-URL-BAD-URL',
    );
    expect(first.results.generation).to.deep.equal({ seed: 5, budget: 10 });
    const again = await run('again', only);
    const sentUrl = (r: Results) => {
      const body = r.checks[0]?.evidence?.[0]?.request.body;
      return JSON.parse(body ?? '{}').success_url;
    };
    expect(sentUrl(again.results)).to.equal(sentUrl(first.results));
  });

  it('catches a numeric amount in a later batch detail under every seed, and says which value', async () => {
    for (const seed of ['3', '4']) {
      const { out, results } = await run(`detail-${seed}`, [
        '--only',
        'LP-GEN-PB-PAYOUT-ORDER-DETAILS-AMOUNT-*',
        '--mock-fault',
        'batch-detail-amount-number-accepted',
        '--seed',
        seed,
      ]);
      expect(out.code, out.stderr).to.equal(1);
      expect(out.stdout).to.include('LP-GEN-PB-PAYOUT-ORDER-DETAILS-AMOUNT-TYPE');
      const failed = results.checks.filter((c) => c.status === 'failed').map((c) => c.id);
      expect(failed).to.deep.equal(['LP-GEN-PB-PAYOUT-ORDER-DETAILS-AMOUNT-TYPE']);
      const check = results.checks.find((c) => c.status === 'failed')!;
      expect(check.level).to.equal('MUST');
      expect(check.message).to.include('input "the valid amount as a JSON number" (corner value');
      expect(check.message).to.include(
        `replay: paycert run lesspay --seed ${seed} --only LP-GEN-PB-PAYOUT-ORDER-DETAILS-AMOUNT-TYPE`,
      );
      const sent = JSON.parse(check.evidence?.[0]?.request.body ?? '{}');
      expect(sent.payout_order_details.map((d: { amount: unknown }) => typeof d.amount)).to.deep.equal([
        'string',
        'number',
      ]);
    }
  });

  it('writes coverage.json with the status of the checks that ran and the others not run', async () => {
    const { out, reportDir } = await run('coverage', ['--only', 'LP-GEN-QO-*', '--quiet']);
    expect(out.code).to.equal(0);
    const cov = JSON.parse(readFileSync(join(reportDir, 'coverage.json'), 'utf8'));
    const cells = cov.gateways[0].endpoints.flatMap(
      (e: { cells: { checks: { id: string; status?: string }[] }[] }) => e.cells.flatMap((c) => c.checks),
    );
    expect(
      cells
        .filter((c: { id: string }) => c.id.startsWith('LP-GEN-QO-'))
        .every((c: { status?: string }) => c.status === 'passed'),
    ).to.equal(true);
    expect(cells.some((c: { status?: string }) => c.status === undefined)).to.equal(true);
    // Array elements and optional nested members have their own rows.
    const constraints = cov.gateways[0].endpoints.flatMap((e: { cells: { constraint: string }[] }) =>
      e.cells.map((c) => c.constraint),
    );
    expect(constraints).to.include.members([
      'payout_order_details[].amount type',
      'beneficiary.beneficiary_info.phone.calling_code pattern',
    ]);
  });
});
