import { expect } from 'chai';
import { loadFixture } from '../../test/fixtures/results/index.js';
import { RESULTS_SCHEMA_ID, type Results } from './results.js';
import { validate } from './schema-registry.js';
import { recompute } from './verdict.js';

describe('report types', () => {
  it('the fixture is valid against the results schema', () => {
    const { valid, problems } = validate(RESULTS_SCHEMA_ID, loadFixture());
    expect(problems).to.deep.equal([]);
    expect(valid).to.equal(true);
  });

  it('a value built from the TypeScript types is valid against the schema', () => {
    // Every optional field of the types set once: a type that drifts from the schema fails here or in tsc.
    const r: Results = {
      format: 'paycert-results/1',
      tool: { name: 'paycert', version: '9.9.9' },
      profileVersion: '1.0.0',
      runId: 'r1',
      command: 'verify',
      startedAt: '2024-01-01T00:00:00Z',
      finishedAt: '2024-01-01T00:00:01Z',
      durationMs: 1000,
      strict: true,
      shard: { index: 1, total: 2 },
      verdict: 'certified',
      gateways: [
        {
          gateway: 'payloco',
          target: 'http://127.0.0.1:1',
          targetKind: 'embedded-mock',
          verdict: 'certified',
          summary: {
            total: 1,
            passed: 1,
            failed: 0,
            skipped: 0,
            error: 0,
            mustFailed: 0,
            shouldFailed: 0,
            knownDeviations: 0,
          },
          error: 'x',
        },
      ],
      summary: { total: 1, passed: 1, failed: 0, skipped: 0, error: 0 },
      checks: [
        {
          id: 'PL-AUTH-001',
          gateway: 'payloco',
          endpoint: 'Authentication',
          title: 'missing Authorization header gets HTTP 401',
          level: 'MUST',
          reading: 'P2',
          specRef: { doc: 'payloco', section: 'Auth', url: 'https://x.example', quote: 'q' },
          status: 'passed',
          durationMs: 1,
          message: 'm',
          expected: { a: 1 },
          received: [1, 2],
          deviation: { reason: 'r', stale: true },
          notApplicable: false,
          evidence: [
            {
              request: { method: 'GET', url: 'http://127.0.0.1:1/', headers: { a: 'b' }, body: null },
              response: { status: 401, headers: {}, body: '', truncated: false, durationMs: 2 },
              error: 'ECONNRESET',
              curl: 'curl http://127.0.0.1:1/',
            },
          ],
        },
      ],
    };
    expect(validate(RESULTS_SCHEMA_ID, r).problems).to.deep.equal([]);
  });

  it('the fixture summaries and verdicts agree with summarize/verdictOf', () => {
    const r = loadFixture();
    const again = recompute(r);
    expect(again.summary).to.deep.equal(r.summary);
    expect(again.gateways).to.deep.equal(r.gateways);
    expect(again.verdict).to.equal(r.verdict);
  });
});
