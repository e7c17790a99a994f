import '../generate/register.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadFixture } from '../../test/fixtures/results/index.js';
import { validate } from '../core/schema-registry.js';
import { catalogue, GATEWAYS } from '../engine/catalogue.js';
import { writeReport } from '../output/outputs.js';
import { renderCoverage } from '../report/coverage.js';
import { familyOfKeyword } from './cases.js';
import { coverage, emptyCells } from './coverage.js';
import { HAND_WRITTEN_CELLS } from './hand-written.js';

describe('generate · coverage table', () => {
  const table = coverage([...GATEWAYS]);

  it('has no empty cell: every constraint of every documented request names a check or a reason', () => {
    expect(emptyCells(table)).to.deep.equal([]);
  });

  it('covers every documented request of the profile', () => {
    const names = table.gateways.map((g) => `${g.gateway}: ${g.endpoints.map((e) => e.endpoint).join(', ')}`);
    expect(names).to.deep.equal([
      'lesspay: create-order, query-order, payout-create, payout-batch, payout-query, payout-banks, payout-balance',
      'payloco: pay, query, pre-auth-void, pay-v2',
    ]);
  });

  it('names only catalogued checks, and every generated check fills a cell', () => {
    for (const g of table.gateways) {
      const named = new Set(g.endpoints.flatMap((e) => e.cells.flatMap((c) => c.checks.map((x) => x.id))));
      const all = catalogue(g.gateway).checks.map((c) => c.id);
      const generated = catalogue(g.gateway)
        .checks.filter((c) => c.family !== undefined)
        .map((c) => c.id);
      expect([...named].filter((id) => !all.includes(id))).to.deep.equal([]);
      expect(generated.filter((id) => !named.has(id))).to.deep.equal([]);
    }
  });

  it('places every hand-written check it lists in a cell that exists', () => {
    for (const g of table.gateways) {
      const cells = new Set(
        g.endpoints.flatMap((e) => e.cells.map((c) => `${e.endpoint} ${c.family} ${c.constraint}`)),
      );
      const missing = HAND_WRITTEN_CELLS[g.gateway]
        .filter(
          ([id, endpoint, family, constraint]) =>
            !cells.has(`${endpoint} ${family} ${constraint}`) ||
            !catalogue(g.gateway).checks.some((c) => c.id === id && c.family === undefined),
        )
        .map(([id]) => id);
      expect(missing).to.deep.equal([]);
    }
  });

  it('matches its published schema', () => {
    const { valid, problems } = validate('paycert/coverage.schema.json', table);
    expect(problems).to.deep.equal([]);
    expect(valid).to.equal(true);
  });

  it('leaves a hole for a schema keyword no generator knows', () => {
    expect(
      familyOfKeyword('maximum', { path: ['n'], required: false, types: ['integer'], keywords: [] }),
    ).to.equal(undefined);
    const holed = structuredClone(table);
    holed.gateways[0].endpoints[0].cells.push({
      family: 'keyword maximum',
      constraint: 'page maximum',
      checks: [],
    });
    expect(emptyCells(holed)).to.deep.equal(['lesspay create-order keyword maximum: page maximum']);
  });

  it('is written beside results.json, with the status of each check of the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paycert-coverage-'));
    try {
      const results = loadFixture();
      const written = writeReport(results, dir);
      const cov = JSON.parse(readFileSync(written.coverage, 'utf8'));
      expect(validate('paycert/coverage.schema.json', cov).valid).to.equal(true);
      expect(cov.gateways.map((g: { gateway: string }) => g.gateway)).to.deep.equal(
        results.gateways.map((g) => g.gateway),
      );
      expect(readFileSync(written.html, 'utf8')).to.include('<h2>Coverage</h2>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('report · coverage grid', () => {
  const cell = (family: string, status?: 'passed' | 'failed') => ({
    family,
    constraint: `x ${family}`,
    checks: status ? [{ id: `LP-GEN-CO-X-${family.toUpperCase()}`, status }] : [],
  });
  const html = renderCoverage({
    format: 'paycert-coverage/1',
    generation: { seed: 7, budget: 1 },
    gateways: [
      {
        gateway: 'lesspay',
        families: ['required', 'type', 'auth'],
        endpoints: [
          {
            endpoint: 'create-order<script>',
            path: '/p',
            schema: 's',
            cells: [cell('required', 'passed'), cell('type', 'failed'), cell('auth')],
          },
        ],
      },
    ],
  });

  it('marks passed, failed and missing cells apart', () => {
    expect(html).to.include('class="cv-pass"');
    expect(html).to.include('class="cv-fail"');
    expect(html).to.include('class="cv-hole"');
    expect(html).to.include('1 without a check');
  });

  it('prints the seed that replays the generated checks, and escapes names', () => {
    expect(html).to.include('--seed 7');
    expect(html).not.to.include('<script>');
  });
});
