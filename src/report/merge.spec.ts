import { expect } from 'chai';
import { loadFixture } from '../../test/fixtures/results/index.js';
import type { Results } from '../core/results.js';
import { recompute } from '../core/verdict.js';
import { mergeResults } from './merge.js';

function shards(r: Results, n: number): Results[] {
  return Array.from({ length: n }, (_, i) => {
    const part = structuredClone(r);
    part.shard = { index: i + 1, total: n };
    part.checks = r.checks.filter((_, k) => k % n === i);
    part.startedAt = new Date(Date.parse(r.startedAt) + i * 1000).toISOString();
    part.finishedAt = undefined;
    part.durationMs = 5000;
    return recompute(part);
  });
}

describe('report merge', () => {
  it('merging shards gives the single-run summaries and verdicts', () => {
    const whole = loadFixture();
    const merged = mergeResults(shards(whole, 3));
    expect(merged.checks).to.have.length(whole.checks.length);
    expect(merged.summary).to.deep.equal(whole.summary);
    expect(merged.gateways.map((g) => [g.gateway, g.verdict, g.summary])).to.deep.equal(
      whole.gateways.map((g) => [g.gateway, g.verdict, g.summary]),
    );
    expect(merged.verdict).to.equal(whole.verdict);
    expect(merged.command).to.equal('merged');
    expect(merged.shard).to.equal(null);
    expect(merged.startedAt).to.equal(whole.startedAt);
    expect(merged.durationMs).to.equal(7000);
  });

  it('recomputes verdicts instead of trusting the parts', () => {
    const [a, b] = shards(loadFixture(), 2);
    a!.verdict = 'certified';
    for (const g of a!.gateways) g.verdict = 'certified';
    expect(mergeResults([a!, b!]).verdict).to.equal('not-certified');
  });

  it('de-duplicates by gateway and id, keeping the more damning outcome', () => {
    const [a, b] = shards(loadFixture(), 2);
    const dup = structuredClone(a!.checks.find((c) => c.status === 'passed')!);
    dup.status = 'failed';
    b!.checks.push(dup);
    const merged = mergeResults([a!, b!]);
    expect(merged.checks).to.have.length(loadFixture().checks.length);
    expect(merged.checks.find((c) => c.gateway === dup.gateway && c.id === dup.id)!.status).to.equal(
      'failed',
    );
  });

  it('refuses parts of different tools, profiles, strictness or targets', () => {
    const [a, b] = shards(loadFixture(), 2);
    expect(() => mergeResults([a!, { ...b!, tool: { name: 'paycert', version: '0.0.1' } }])).to.throw(
      /cannot merge/,
    );
    expect(() => mergeResults([a!, { ...b!, profileVersion: '2.0.0' }])).to.throw(/profile/);
    expect(() => mergeResults([a!, { ...b!, strict: true }])).to.throw(/strict/);
    const other = structuredClone(b!);
    other.gateways[0]!.target = 'https://elsewhere.example';
    expect(() => mergeResults([a!, other])).to.throw(/different targets/);
    expect(() => mergeResults([])).to.throw(/nothing/);
  });

  it('refuses to merge an incomplete set of shards unless asked', () => {
    const [a, , c] = shards(loadFixture(), 3);
    expect(() => mergeResults([a!, c!])).to.throw(/missing shard\(s\) 2\/3/);
    expect(mergeResults([a!, c!], { allowPartial: true }).checks.length).to.be.greaterThan(0);
  });

  it('refuses a shard given twice, and shards of different runs, naming the difference', () => {
    const [a, b] = shards(loadFixture(), 2);
    expect(() => mergeResults([a!, b!, structuredClone(a!)])).to.throw(/shard 1\/2 is given twice/);
    const other = structuredClone(b!);
    other.scope!.runId = 'github:1.1';
    expect(() => mergeResults([a!, other])).to.throw(
      /not shards of one run: run id github:9412337.1 vs github:1.1/,
    );
    const seed = structuredClone(b!);
    seed.scope!.seed = 7;
    expect(() => mergeResults([a!, seed])).to.throw(/seed 424242 vs 7/);
    const only = structuredClone(b!);
    only.scope!.selection.only = ['LP-QO-*'];
    expect(() => mergeResults([a!, only])).to.throw(/--only \(none\) vs LP-QO-\*/);
  });

  it('one shard alone is partial, never certified; the complete set certifies what the whole run certifies', () => {
    const [a, b] = shards(loadFixture(), 2);
    expect(a!.gateways.find((g) => g.gateway === 'payloco')!.verdict).to.equal('passed-partial');
    expect(mergeResults([a!, b!]).gateways.find((g) => g.gateway === 'payloco')!.verdict).to.equal(
      'certified',
    );
  });

  it('a gateway error in any shard makes that gateway error', () => {
    const [a, b] = shards(loadFixture(), 2);
    b!.gateways.find((g) => g.gateway === 'payloco')!.error = 'smoke test failed: HTTP 502';
    const merged = mergeResults([a!, b!]);
    const payloco = merged.gateways.find((g) => g.gateway === 'payloco')!;
    expect(payloco.verdict).to.equal('error');
    expect(payloco.error).to.equal('smoke test failed: HTTP 502');
  });
});
