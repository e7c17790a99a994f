import { expect } from 'chai';
import type { Gateway } from '../../src/core/results.js';
import { catalogue } from '../../src/engine/catalogue.js';
import { DRAWN_FAMILIES } from '../../src/generate/rules.js';
import { certifyMock, expectations, idsWithStatus } from './certify-mock.js';

// Proof that a fault a generated family must catch is caught on every run, whatever the seed: the corner values of
// each family are tried before the random ones (src/generate/corners.ts). Each fault that makes a check of a drawing
// family fail is run under five seeds other than the self-test's 0, with the drawing checks of the endpoints it
// touches (the other generated checks send the same requests under any seed); the failing IDs must be exactly the
// expected ones every time.

// One spec file per gateway (lesspay.seeds.spec.ts, payloco.seeds.spec.ts), so the two run in parallel.

const SEEDS = [1, 2, 3, 42, 2026];

export function seedsTest(gateway: Gateway) {
  describe(`self-test · ${gateway} · generated kills under ${SEEDS.length} seeds`, function () {
    this.timeout(300_000);
    const expected = expectations(gateway);
    const drawn = catalogue(gateway).checks.filter(
      (c) => c.family !== undefined && (DRAWN_FAMILIES as readonly string[]).includes(c.family),
    );
    const endpointOf = new Map(drawn.map((c) => [c.id, c.endpoint]));

    it('runs at least one fault per drawing family that any fault catches', () => {
      const caught = new Set(
        Object.values(expected).flatMap((e) =>
          e.fails.filter((id) => endpointOf.has(id)).map((id) => drawn.find((c) => c.id === id)!.family),
        ),
      );
      expect(caught.size).to.be.greaterThan(3);
    });

    for (const [fault, want] of Object.entries(expected)) {
      const kills = want.fails.filter((id) => endpointOf.has(id));
      if (kills.length === 0) continue;
      const endpoints = new Set(kills.map((id) => endpointOf.get(id)));
      const judged = new Set(drawn.filter((c) => endpoints.has(c.endpoint)).map((c) => c.id));
      const named =
        kills.length > 4 ? `${kills.length} checks (${kills.slice(0, 3).join(', ')}, …)` : kills.join(', ');
      it(`fault ${fault} fails exactly ${named} under seeds ${SEEDS.join(', ')}`, async () => {
        for (const seed of SEEDS) {
          const results = await certifyMock(
            gateway,
            { fault },
            { selects: (entry) => judged.has(entry.id), generation: { seed, budget: 1 } },
          );
          expect(results.checks.length, `checks run with seed ${seed}`).to.equal(judged.size);
          expect(idsWithStatus(results, 'failed'), `failed checks with seed ${seed}`).to.deep.equal(
            [...kills].sort(),
          );
        }
      });
    }
  });
}
