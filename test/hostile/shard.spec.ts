import '../../src/generate/register.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { certify } from '../../src/engine/certify.js';
import { startEmbedded } from '../../src/engine/embedded.js';
import { closeHttp } from '../../src/engine/http.js';
import { mergeResults } from '../../src/report/merge.js';
import { runCli } from '../cli/run-cli.js';

// Issue 9: a CI matrix of shards gives the same verdict as one run. Each shard certifies its own bundled mocks
// (other ports: the merger accepts that for embedded mocks) and `paycert report` merges the parts.

async function run(shard?: { index: number; total: number }): Promise<Results> {
  const mocks = await Promise.all(
    (['lesspay', 'payloco'] as const).map((g) => startEmbedded(g, { webhookRetryDelaysMs: [50, 100, 200] })),
  );
  try {
    return await certify({
      targets: mocks.map((m) => m.target),
      timeoutMs: 5_000,
      maxBodyBytes: 1_048_576,
      concurrency: 4,
      rate: 0,
      maxRequests: 20_000,
      retryAfterCapMs: 10_000,
      strict: false,
      selects: () => true,
      shard,
      scope: { runId: 'hostile-shards' },
    });
  } finally {
    await Promise.all(mocks.map((m) => m.mock.close()));
  }
}

const statuses = (r: Results) =>
  Object.fromEntries(
    r.checks.map((c) => [`${c.gateway} ${c.id}`, c.status]).sort(([a], [b]) => a.localeCompare(b)),
  );

describe('hostile targets: shards', function () {
  this.timeout(90_000);

  after(() => closeHttp());

  it('shards 1/3, 2/3, 3/3 merged: the same verdict and the same checks with the same statuses as one run', async () => {
    const whole = await run();
    const parts = [];
    for (let i = 1; i <= 3; i++) parts.push(await run({ index: i, total: 3 }));
    for (const p of parts) expect(p.checks.length, `shard ${p.shard?.index}`).to.be.greaterThan(0);
    const merged = mergeResults(parts);
    expect(merged.verdict).to.equal(whole.verdict).and.equal('certified');
    expect(merged.checks).to.have.length(whole.checks.length);
    expect(statuses(merged)).to.deep.equal(statuses(whole));
    expect(merged.summary).to.deep.equal(whole.summary);
    expect(merged.gateways.map((g) => [g.gateway, g.verdict])).to.deep.equal(
      whole.gateways.map((g) => [g.gateway, g.verdict]),
    );
  });

  describe('the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paycert-shard-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('`paycert run --shard i/3` ×3 then `paycert report` exits like one `paycert run` and writes merged results', async () => {
      const shardDirs = [1, 2, 3].map((i) => join(dir, `d_${i}`));
      const [whole, ...shards] = await Promise.all([
        runCli(['run', '--quiet', '--report-dir', join(dir, 'whole')]),
        ...shardDirs.map((d, i) =>
          runCli([
            'run',
            '--quiet',
            '--shard',
            `${i + 1}/3`,
            '--run-id',
            'hostile-shards',
            '--report-dir',
            d,
          ]),
        ),
      ]);
      expect(whole!.code, whole!.stderr).to.equal(0);
      for (const s of shards) expect(s.code, s.stderr).to.equal(0);
      const mergedHtml = join(dir, 'merged', 'index.html');
      const report = await runCli([
        'report',
        ...shardDirs.map((d) => join(d, 'results.json')),
        '-o',
        mergedHtml,
      ]);
      expect(report.code, report.stderr).to.equal(whole!.code);
      expect(existsSync(mergedHtml)).to.equal(true);
      const merged = JSON.parse(readFileSync(join(dir, 'merged', 'results.json'), 'utf8')) as Results;
      const single = JSON.parse(readFileSync(join(dir, 'whole', 'results.json'), 'utf8')) as Results;
      expect(merged.command).to.equal('merged');
      expect(merged.verdict).to.equal(single.verdict);
      expect(statuses(merged)).to.deep.equal(statuses(single));
    });
  });
});
