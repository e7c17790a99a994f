import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { runCli } from './run-cli.js';

// The run options that change how outcomes are judged, end to end through the real binary against the bundled
// mocks: capabilities (not applicable is a skip, never a failure), known and stale deviations, --only, --strict.

const dir = mkdtempSync(join(tmpdir(), 'paycert-options-'));
let n = 0;

async function run(args: string[]): Promise<{ code: number | null; results: Results }> {
  const reportDir = join(dir, `r${n++}`);
  const out = await runCli(['run', 'lesspay', '--quiet', '--report-dir', reportDir, ...args]);
  expect(out.stderr + out.stdout).not.to.match(/\n\s+at /);
  return { code: out.code, results: JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) };
}

function file(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
}

const ids = (r: Results, status: string) => r.checks.filter((c) => c.status === status).map((c) => c.id);

describe('paycert run options', function () {
  this.timeout(60_000);

  it('a capability the target does not declare skips its checks as not applicable, and the target is certified', async () => {
    const { code, results } = await run(['--capabilities', file('caps.json', { lesspay: ['payin'] })]);
    expect(code).to.equal(0);
    const skipped = results.checks.filter((c) => c.status === 'skipped');
    expect(skipped.map((c) => c.id)).to.include.members(['LP-PO-001', 'LP-PQ-001', 'LP-WH-001']);
    expect(skipped.every((c) => c.notApplicable && /capability/.test(c.message ?? ''))).to.equal(true);
    expect(ids(results, 'passed')).to.include('LP-QO-004');
    expect(results.verdict).to.equal('certified');
  });

  it('a known deviation keeps a failing MUST check from failing the certification', async () => {
    const deviations = file('known.json', {
      deviations: [{ check: 'LP-QO-004', reason: 'vendor ticket 42' }],
    });
    const { code, results } = await run([
      '--mock-fault',
      'query-msg-not-found-wrong',
      '--deviations',
      deviations,
    ]);
    const check = results.checks.find((c) => c.id === 'LP-QO-004')!;
    expect(check.status).to.equal('failed');
    expect(check.deviation).to.deep.equal({ reason: 'vendor ticket 42' });
    expect(results.verdict).to.equal('certified');
    expect(code).to.equal(0);
  });

  it('a deviation whose check now passes is stale and fails the run', async () => {
    const deviations = file('stale.json', { deviations: [{ check: 'LP-QO-004', reason: 'fixed long ago' }] });
    const { code, results } = await run(['--deviations', deviations]);
    expect(results.checks.find((c) => c.id === 'LP-QO-004')!.deviation).to.deep.equal({
      reason: 'fixed long ago',
      stale: true,
    });
    expect(results.verdict).to.equal('not-certified');
    expect(code).to.equal(1);
  });

  it('--only runs the matching checks and nothing else', async () => {
    const { code, results } = await run(['--only', 'LP-QO-00*,LP-PATH-001']);
    expect(code).to.equal(0);
    expect(results.checks.map((c) => c.id)).to.have.members([
      ...['001', '002', '003', '004', '005', '006', '007', '008', '009'].map((x) => `LP-QO-${x}`),
      'LP-PATH-001',
    ]);
  });

  it('a failing SHOULD check is a warning, and fails the run only with --strict', async () => {
    const plain = await run(['--mock-fault', 'not-found-code-not-1202', '--only', 'LP-QO-*']);
    expect(ids(plain.results, 'failed')).to.deep.equal(['LP-QO-005']);
    expect(plain.code).to.equal(0);
    const strict = await run(['--mock-fault', 'not-found-code-not-1202', '--only', 'LP-QO-*', '--strict']);
    expect(strict.results.verdict).to.equal('not-certified');
    expect(strict.code).to.equal(1);
  });
});
