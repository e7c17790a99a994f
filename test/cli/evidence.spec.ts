import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { runCli } from './run-cli.js';

// Issue 26: results.json grows with failures, not with passing checks. By default a check that passed keeps each
// exchange's summary (method, URL, status, duration); a failed one keeps its exchanges in full; `--evidence full`
// keeps every check's; the file says which in `evidence`.

const dir = mkdtempSync(join(tmpdir(), 'paycert-evidence-'));
const ONLY = ['--only', 'LP-METH-001,LP-ENV-001', '--mock-fault', 'get-answered-200', '--quiet'];

async function run(name: string, extra: string[] = []) {
  const reportDir = join(dir, name);
  const out = await runCli(['run', 'lesspay', ...ONLY, '--report-dir', reportDir, ...extra]);
  const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as Results;
  const byId = Object.fromEntries(results.checks.map((c) => [c.id, c]));
  return { out, results, passed: byId['LP-ENV-001']!, failed: byId['LP-METH-001']! };
}

describe('paycert run · evidence in results.json (--evidence)', function () {
  this.timeout(120_000);

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('by default a passed check keeps exchange summaries, a failed one its full exchanges', async () => {
    const { out, results, passed, failed } = await run('default');
    expect(out.code, out.stderr).to.equal(1);
    expect(results.evidence).to.equal('failures');
    expect(passed.status).to.equal('passed');
    expect(passed.evidence!.length).to.be.greaterThan(0);
    for (const x of passed.evidence!) {
      expect(Object.keys(x.request).sort()).to.deep.equal(['method', 'url']);
      expect(Object.keys(x.response ?? {}).every((k) => k === 'status' || k === 'durationMs')).to.equal(true);
      expect(x.response?.status).to.be.a('number');
      expect(x.curl).to.equal(undefined);
    }
    expect(failed.status).to.equal('failed');
    const full = failed.evidence![0]!;
    expect(full.request.headers).to.be.an('object');
    expect(full.response?.headers).to.be.an('object');
    expect(full.curl).to.match(/^.*curl -sS -X GET /);
  });

  it('--evidence full keeps every check in full', async () => {
    const { out, results, passed } = await run('full', ['--evidence', 'full']);
    expect(out.code, out.stderr).to.equal(1);
    expect(results.evidence).to.equal('full');
    const x = passed.evidence![0]!;
    expect(x.request.headers).to.be.an('object');
    expect(x.response?.body).to.be.a('string');
    expect(x.curl).to.be.a('string');
  });

  it('--evidence takes failures or full: anything else is one line and exit 2', async () => {
    const out = await runCli(['run', 'lesspay', '--evidence', 'some']);
    expect(out.code).to.equal(2);
    expect(out.stderr.trim().split('\n')).to.have.length(1);
    expect(out.stderr).to.match(/^paycert: .*--evidence.*some/);
  });
});
