import type { PaymentDriver } from '../src/engine/drivers.js';
import { certifyMock } from '../test/selftest/certify-mock.js';
import { DRIVEN, driverFor, repo, WAYS } from '../test/selftest/driver-ways.js';

// How long one lifecycle payment takes to complete with each driver on the page shape it is for: the time of the
// driver's complete() call, over the lifecycle payments of one run per gateway (manual: a scripted person who acts
// 200 ms after the page is printed).

export async function benchDrivers() {
  const rows: Record<string, string | number>[] = [];
  for (const gateway of ['lesspay', 'payloco'] as const) {
    for (const way of WAYS) {
      const { driver: inner, say } = await driverFor(way.driver);
      const times: number[] = [];
      const driver: PaymentDriver = {
        name: inner.name,
        complete: async (order, outcome, io) => {
          const started = performance.now();
          const got = await inner.complete(order, outcome, io);
          times.push(performance.now() - started);
          return got;
        },
      };
      const selects = (e: { id: string }) => DRIVEN[gateway].includes(e.id);
      const results = await certifyMock(gateway, { variant: way.variant }, { driver, selects, say });
      await inner.close?.();
      times.sort((a, b) => a - b);
      rows.push({
        gateway,
        variant: way.variant,
        driver: way.driver.replace(repo, '').split(':')[0],
        payments: times.length,
        'median ms': Math.round(times[Math.floor(times.length / 2)] ?? 0),
        'max ms': Math.round(times.at(-1) ?? 0),
        passed: results.checks.filter((c) => c.status === 'passed').length,
        checks: results.checks.length,
      });
    }
  }
  return rows;
}
