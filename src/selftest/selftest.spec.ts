import { expect } from 'chai';
import { catalogue } from '../catalogue.js';
import { mockModule } from '../embedded.js';
import { certifyMock, expectations, idsWithStatus } from './certify-mock.js';

// Proof that the suite judges correctly: both conformant variants of each mock pass every check, and every fault
// variant fails exactly the checks it is expected to fail (style: bowtie miniatures, schemathesis modifiers).

for (const gateway of ['lesspay', 'payloco'] as const) {
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

    it('every fault of the mock has an expectation, and no expectation names a missing fault', async () => {
      const { faults } = await mockModule(gateway);
      expect(Object.keys(expected).sort()).to.deep.equal(Object.keys(faults).sort());
    });

    it('every check in the catalogue is made to fail by at least one fault', () => {
      const killed = new Set(Object.values(expected).flatMap((e) => e.fails));
      const survivors = catalogue(gateway)
        .checks.map((c) => c.id)
        .filter((id) => !killed.has(id));
      expect(survivors, 'checks no fault makes fail').to.deep.equal([]);
    });

    for (const [fault, want] of Object.entries(expected)) {
      it(`fault ${fault} fails exactly ${want.fails.join(', ')}`, async () => {
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
