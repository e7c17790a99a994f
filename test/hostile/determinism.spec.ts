import '../../src/generate/register.js';
import { expect } from 'chai';
import { redactDeep } from '../../src/core/redact.js';
import type { Results } from '../../src/core/results.js';
import { type CertifyOptions, certify } from '../../src/engine/certify.js';
import { startEmbedded } from '../../src/engine/embedded.js';
import { closeHttp } from '../../src/engine/http.js';

// Issue 9: the same target gives the same results.json, run after run, apart from what must vary: times,
// durations, the run id and its tag (inside every id the run creates), ports and the ids the target generates.
// Anything else that moves (check order, evidence order across lanes, message wording) is a defect.

const RUNS = 20;

const VOLATILE_KEYS = new Set(['startedAt', 'finishedAt', 'durationMs', 'runId']);

/** The results as they are written (redacted), with what may legitimately vary replaced by placeholders. */
function normalise(results: Results): string {
  const tag = results.runId.split('-').pop()!;
  const text = (s: string) =>
    s
      .split(tag)
      .join('<TAG>')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<PORT>')
      // Lesspay mock ids: P/PO/POD/CH + epoch ms + counter; Payloco orderId: yyyyMMddHHmmss + counter.
      .replace(/\b(?:POD|PO|P|CH)\d{18,19}\b/g, '<GEN-ID>')
      .replace(/\b\d{22}\b/g, '<GEN-ID>')
      .replace(/("traceId\\?"\s*:\s*\\?")[0-9a-f]{16}/g, '$1<TRACE>')
      // Webhook receiver tokens (random per endpoint).
      .replace(/\/[0-9a-f]{18}\//g, '/<HOOK>/')
      .replace(/\bevt_[0-9a-f-]{36}\b/g, 'evt_<UUID>')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}(:|%3A)\d{2}\1\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g, '<ISO>')
      .replace(/\b\d{14}\b/g, '<YMDHMS>')
      .replace(/\b1\d{12}\b/g, '<EPOCH-MS>')
      .replace(/\b1\d{9}\b/g, '<EPOCH-S>')
      .replace(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/g, '<HTTP-DATE>');
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && VOLATILE_KEYS.has(key)) return '<VAR>';
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return JSON.stringify(walk(redactDeep(results)), null, 1);
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i}:\n  - ${la[i]?.slice(0, 400)}\n  + ${lb[i]?.slice(0, 400)}`;
  }
  return '(none)';
}

async function runBoth(): Promise<Results> {
  const mocks = await Promise.all(
    (['lesspay', 'payloco'] as const).map((g) => startEmbedded(g, { webhookRetryDelaysMs: [50, 100, 200] })),
  );
  try {
    const options: CertifyOptions = {
      targets: mocks.map((m) => m.target),
      timeoutMs: 5_000,
      maxBodyBytes: 1_048_576,
      concurrency: 4,
      rate: 0,
      maxRequests: 20_000,
      retryAfterCapMs: 10_000,
      strict: false,
      selects: () => true,
    };
    return await certify(options);
  } finally {
    await Promise.all(mocks.map((m) => m.mock.close()));
  }
}

describe('hostile targets: determinism', function () {
  this.timeout(120_000);

  after(() => closeHttp());

  it(`${RUNS} runs against both reference mocks give the same results.json (volatile values normalised)`, async () => {
    let first: string | undefined;
    const differing: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const results = await runBoth();
      expect(results.verdict, `run ${i}`).to.equal('certified');
      const text = normalise(results);
      first ??= text;
      if (text !== first) differing.push(`run ${i}: ${firstDifference(first, text)}`);
    }
    expect(differing, differing.join('\n')).to.deep.equal([]);
  });
});
