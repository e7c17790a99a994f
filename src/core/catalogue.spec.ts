import '../generate/register.js';
import { expect } from 'chai';
import { gatewayNames } from '../gateways/index.js';
import { loadCatalogue } from './catalogue.js';

// The one catalogue loader: every kind of catalogue goes through it, validated and cited the same way.

describe('core/catalogue: one loader for every kind of catalogue', () => {
  for (const gateway of gatewayNames()) {
    for (const kind of ['probes', 'client', 'handler'] as const) {
      it(`${gateway} ${kind}: every check is cited (a quote) and names a documented section`, () => {
        const cat = loadCatalogue(kind, gateway);
        expect(cat.gateway).to.equal(gateway);
        expect(cat.checks.length).to.be.greaterThan(0);
        const uncited = cat.checks.filter((c) => !c.spec.quote || !cat.docs[c.spec.section]).map((c) => c.id);
        expect(uncited).to.deep.equal([]);
      });
    }

    it(`${gateway} probes: the generated checks registered from src/generate follow the hand-written ones`, () => {
      const checks = loadCatalogue('probes', gateway).checks;
      const firstGenerated = checks.findIndex((c) => c.family !== undefined);
      expect(firstGenerated).to.be.greaterThan(0);
      expect(checks.slice(firstGenerated).every((c) => c.family !== undefined)).to.equal(true);
    });
  }
});
