import { expect } from 'chai';
import type { Gateway } from '../../src/core/results.js';
import { catalogue, handWritten } from '../../src/engine/catalogue.js';
import { mockModule } from '../../src/engine/embedded.js';
import { idMatcher } from '../../src/engine/selection.js';
import { certifyMock, expectations, idsWithStatus } from './certify-mock.js';

// Proof that the suite judges correctly: both conformant variants of each mock pass every check, and every fault
// variant fails exactly the checks it is expected to fail (style: bowtie miniatures, schemathesis modifiers).
// One spec file per gateway (lesspay.spec.ts, payloco.spec.ts), so the two self-tests run in parallel.

export function selfTest(gateway: Gateway) {
  describe(`self-test · ${gateway}`, function () {
    this.timeout(120_000);
    const expected = expectations(gateway);

    for (const variant of ['a', 'b']) {
      it(`conformant variant ${variant} passes every check`, async () => {
        const results = await certifyMock(gateway, { variant });
        const bad = results.checks
          .filter((c) => c.status !== 'passed')
          .map((c) => `${c.id} ${c.status}: ${c.message}`);
        expect(bad, 'checks that did not pass').to.deep.equal([]);
        expect(results.verdict).to.equal('certified');
      });
    }

    // The generated checks draw their inputs from the seed: the conformant variants must pass whatever is drawn.
    for (const [variant, seed] of [
      ['a', 7],
      ['b', 1234],
    ] as const) {
      it(`conformant variant ${variant} passes every generated check with seed ${seed} and 3 inputs each`, async () => {
        const results = await certifyMock(
          gateway,
          { variant },
          {
            selects: idMatcher([`${gateway === 'lesspay' ? 'LP' : 'PL'}-GEN-*`]),
            generation: { seed, budget: 3 },
          },
        );
        const bad = results.checks
          .filter((c) => c.status !== 'passed')
          .map((c) => `${c.id} ${c.status}: ${c.message}`);
        expect(bad, 'generated checks that did not pass').to.deep.equal([]);
        expect(results.checks.length).to.be.greaterThan(100);
      });
    }

    it('every fault of the mock has an expectation, and no expectation names a missing fault', async () => {
      const { faults } = await mockModule(gateway);
      expect(Object.keys(expected).sort()).to.deep.equal(Object.keys(faults).sort());
    });

    it('every hand-written check in the catalogue is made to fail by at least one fault', () => {
      const killed = new Set(Object.values(expected).flatMap((e) => e.fails));
      const survivors = handWritten(gateway)
        .map((c) => c.id)
        .filter((id) => !killed.has(id));
      expect(survivors, 'checks no fault makes fail').to.deep.equal([]);
    });

    // A generated family is one function applied to every endpoint and constraint: a fault that makes one of its
    // checks fail shows that the family's judgement can fail.
    it('every family of generated checks is made to fail by at least one fault', () => {
      const killed = new Set(Object.values(expected).flatMap((e) => e.fails));
      const families = new Map<string, boolean>();
      for (const c of catalogue(gateway).checks.filter((x) => x.family !== undefined))
        families.set(c.family!, (families.get(c.family!) ?? false) || killed.has(c.id));
      const survivors = [...families].filter(([, dead]) => !dead).map(([family]) => family);
      expect(survivors, 'generated families no fault makes fail').to.deep.equal([]);
    });

    for (const [fault, want] of Object.entries(expected)) {
      const named =
        want.fails.length > 8
          ? `${want.fails.length} checks (${want.fails.slice(0, 4).join(', ')}, …)`
          : want.fails.join(', ');
      it(`fault ${fault} fails exactly ${named}`, async () => {
        const results = await certifyMock(gateway, { fault });
        expect(idsWithStatus(results, 'failed'), 'failed checks').to.deep.equal([...want.fails].sort());
        const unexpectedErrors = idsWithStatus(results, 'error').filter(
          (id) => !(want.errors ?? []).includes(id),
        );
        expect(unexpectedErrors, 'checks that errored').to.deep.equal([]);
        expect(idsWithStatus(results, 'skipped'), 'skipped checks').to.deep.equal(
          [...(want.skips ?? [])].sort(),
        );
      });
    }
  });
}
