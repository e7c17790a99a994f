import { expect } from 'chai';
import type { PaymentDriver } from '../../src/engine/drivers.js';
import { mockModule } from '../../src/engine/embedded.js';
import { certifyMock, expectations, idsWithStatus } from './certify-mock.js';
import { DRIVEN, driverFor, repo, WAYS } from './driver-ways.js';

// Issue 12: the lifecycle checks run on every conformant variant, whatever the shape of its payment pages, with the
// driver that fits it; and every fault that breaks a lifecycle check still fails it under each driver.

const short = (driver: string) => driver.replace(repo, '');

/** A driver shared by several runs (one Chromium for all of them): the runs do not close it, the test does. */
async function sharedDriver(spec: string) {
  const { driver: d, say } = await driverFor(spec);
  const driver: PaymentDriver = {
    name: d.name,
    complete: (order, outcome, io) => d.complete(order, outcome, io),
  };
  return { driver, say, close: async () => d.close?.() };
}

for (const gateway of ['lesspay', 'payloco'] as const) {
  describe(`self-test · ${gateway} · payment drivers`, function () {
    this.timeout(180_000);

    it('every conformant variant has a way to certify it', async () => {
      const { variants } = await mockModule(gateway);
      expect([...new Set(WAYS.map((w) => w.variant))].sort()).to.deep.equal([...variants].sort());
    });

    for (const { variant, driver } of WAYS.filter((w) => w.variant !== 'a' || w.driver !== 'auto')) {
      it(`variant ${variant} with the ${short(driver)} driver passes every check, the lifecycle ones included`, async () => {
        const results = await certifyMock(gateway, { variant }, await driverFor(driver));
        const bad = results.checks
          .filter((c) => c.status !== 'passed')
          .map((c) => `${c.id} ${c.status}: ${c.message}`);
        expect(bad, 'checks that did not pass').to.deep.equal([]);
        for (const c of results.checks.filter((x) => DRIVEN[gateway].includes(x.id)))
          expect(c.message, c.id).to.include(`by the ${driver} driver`);
        expect(results.driver).to.equal(driver);
      });
    }

    it('variant e with the auto driver skips only the lifecycle checks, saying a browser is needed', async () => {
      const results = await certifyMock(gateway, { variant: 'e' });
      expect(idsWithStatus(results, 'skipped')).to.deep.equal([...DRIVEN[gateway]].sort());
      for (const c of results.checks.filter((x) => x.status === 'skipped'))
        expect(c.message).to.match(/may need a browser/);
      expect(idsWithStatus(results, 'failed', 'error')).to.deep.equal([]);
    });

    const expected = expectations(gateway);
    const lifecycleFaults = Object.entries(expected).filter(([, e]) =>
      e.fails.some((id) => DRIVEN[gateway].includes(id)),
    );
    for (const { variant, driver } of WAYS.filter((w) => w.variant !== 'a' || w.driver !== 'auto')) {
      it(`under the ${short(driver)} driver (variant ${variant}) each lifecycle fault fails its checks`, async () => {
        const selects = (e: { id: string }) => DRIVEN[gateway].includes(e.id);
        const wrong: string[] = [];
        const shared = await sharedDriver(driver);
        for (const [fault, want] of lifecycleFaults) {
          const results = await certifyMock(
            gateway,
            { variant, fault },
            { driver: shared.driver, selects, say: shared.say },
          );
          const within = (ids: string[] = []) => ids.filter((id) => DRIVEN[gateway].includes(id)).sort();
          const got = {
            failed: idsWithStatus(results, 'failed'),
            error: idsWithStatus(results, 'error'),
            skipped: idsWithStatus(results, 'skipped'),
          };
          const want_ = {
            failed: within(want.fails),
            error: within(want.errors),
            skipped: within(want.skips),
          };
          if (JSON.stringify(got) !== JSON.stringify(want_))
            wrong.push(`${fault}: got ${JSON.stringify(got)}, want ${JSON.stringify(want_)}`);
        }
        await shared.close();
        expect(lifecycleFaults.length).to.be.greaterThan(0);
        expect(wrong).to.deep.equal([]);
      });
    }
  });
}
