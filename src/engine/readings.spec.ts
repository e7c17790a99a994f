import '../generate/register.js';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { catalogueFiles } from '../core/catalogue.js';
import { dataDir } from '../core/paths.js';
import { handlerCatalogue } from '../webhooks/handler-runner.js';
import { type CatalogueEntry, catalogue, GATEWAYS, readingsOf } from './catalogue.js';

// Readings are cited once: the catalogue names each reading with its quote and its anchor in docs/profile.md, and a
// check carries the reading and, where it enforces one clause, that clause on one line.

const profile = readFileSync(`${dataDir('docs')}profile.md`, 'utf8');
const anchors = [...profile.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
// The profile as prose: anchors, bold labels and list markers removed, whitespace folded.
const prose = profile
  .replace(/<a id="[^"]+"><\/a>/g, '')
  .replace(/\*\*[LP]\d+ /g, '')
  .replace(/\*\*/g, '')
  .replace(/\n\s*- /g, ' ')
  .replace(/\s+/g, ' ');

describe('readings cited once', () => {
  it('docs/profile.md has one anchor per reading, none twice', () => {
    expect(anchors.filter((a, i) => anchors.indexOf(a) !== i)).to.deep.equal([]);
    for (const g of GATEWAYS)
      expect(anchors).to.include.members(Object.values(readingsOf(g)).map((r) => r.anchor));
  });

  for (const gateway of GATEWAYS) {
    const readings = readingsOf(gateway);
    const checks: CatalogueEntry[] = [...catalogue(gateway).checks, ...handlerCatalogue(gateway).checks];

    it(`${gateway}: every reading's anchor resolves in docs/profile.md and its quote is the profile's text`, () => {
      const missing = Object.entries(readings).filter(([, r]) => !anchors.includes(r.anchor));
      expect(missing.map(([id, r]) => `${id} -> #${r.anchor}`)).to.deep.equal([]);
      const drifted = Object.entries(readings).filter(
        ([, r]) => !prose.includes(r.quote.replace(/\s+/g, ' ')),
      );
      expect(drifted.map(([id]) => id)).to.deep.equal([]);
    });

    it(`${gateway}: every check (hand-written, generated, handler) cites a named reading`, () => {
      expect(checks.filter((c) => !readings[c.reading]).map((c) => `${c.id} ${c.reading}`)).to.deep.equal([]);
      expect(checks.filter((c) => !c.spec.quote).map((c) => c.id)).to.deep.equal([]);
    });

    it(`${gateway}: the files hold no quote on a check; a clause is one line and never a copy of its reading`, () => {
      for (const file of catalogueFiles(gateway)) {
        const part = JSON.parse(readFileSync(file, 'utf8')) as { checks: CatalogueEntry[] };
        expect(part.checks.filter((c) => c.spec.quote !== undefined).map((c) => c.id)).to.deep.equal([]);
      }
      const copies = checks.filter(
        (c) => c.clause !== undefined && (/\n/.test(c.clause) || c.clause === readings[c.reading]!.quote),
      );
      expect(copies.map((c) => c.id)).to.deep.equal([]);
      const uses = new Map<string, number>();
      for (const c of checks.filter((c) => c.family === undefined && c.clause))
        uses.set(c.clause!, (uses.get(c.clause!) ?? 0) + 1);
      expect([...uses].filter(([, n]) => n > 2).map(([clause]) => clause)).to.deep.equal([]);
    });
  }
});
