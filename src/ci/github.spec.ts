import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadFixture, REGISTERED_SECRET, SECRETS } from '../../test/fixtures/results/index.js';
import { largeResults } from '../../test/fixtures/results/large.js';
import { clearSecrets, registerSecret } from '../core/redact.js';
import { annotations, jobSummary, MAX_ANNOTATIONS, writeGithub } from './github.js';

describe('GitHub job summary and annotations (issue 23)', () => {
  it('a run of 10 000 checks gives a summary under 1 MiB that names the root cause once', () => {
    const md = jobSummary(largeResults(), {
      runUrl: 'https://github.com/a/b/actions/runs/1',
      reportDir: 'reports',
    });
    expect(Buffer.byteLength(md)).to.be.below(1024 * 1024);
    expect(md).to.include(
      '| `LP-CO-001` | MUST | L6 | code of a valid cashier create: expected 0, received 10 — and 4000 checks that needed it |',
    );
    expect(md).to.include('… and ');
  });

  it('annotations are capped at 10 errors and 10 warnings, the rest counted', () => {
    const lines = annotations(largeResults());
    expect(lines.filter((l) => l.startsWith('::error '))).to.have.length(MAX_ANNOTATIONS);
    expect(lines.filter((l) => l.startsWith('::warning '))).to.have.length(MAX_ANNOTATIONS);
    expect(lines.at(-1)).to.equal(
      '::notice title=paycert::481 more failing checks: see the job summary and the report',
    );
    expect(lines[0]).to.match(/^::error title=LP-CO-001 MUST L6::/);
  });

  it('a message cannot end its workflow command early or add one', () => {
    const results = largeResults(2000);
    results.checks[0]!.message = 'line one%0A\n::error::forged';
    const first = annotations(results)[0]!;
    expect(first.split('\n')).to.have.length(1);
    expect(first).to.include('line one%250A');
  });

  it('no secret reaches the job summary or the annotations', () => {
    registerSecret(REGISTERED_SECRET);
    try {
      const summary = join(mkdtempSync(join(tmpdir(), 'paycert-gh-')), 'summary.md');
      let log = '';
      const sink = {
        write(s: string) {
          log += s;
          return true;
        },
      } as unknown as NodeJS.WritableStream;
      const results = loadFixture();
      for (const c of results.checks)
        if (c.status === 'failed') c.message = `${c.message} ${REGISTERED_SECRET}`;
      writeGithub(results, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, sink);
      const md = readFileSync(summary, 'utf8');
      expect(md).to.include('## paycert:');
      expect(log).to.include('::error ');
      for (const secret of SECRETS) {
        expect(md).not.to.include(secret);
        expect(log).not.to.include(secret);
      }
    } finally {
      clearSecrets();
    }
  });
});
