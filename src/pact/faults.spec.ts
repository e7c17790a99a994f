import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Gateway } from '../core/results.js';
import { startEmbedded } from '../engine/embedded.js';
import { contractFile } from './contract.js';
import { checkIds, readInteractions, verifyContracts } from './verify.js';

// Every contract interaction is a MUST check, so each must be made to fail by some fault of the bundled mocks:
// this file names, per gateway, faults that together kill every interaction, and the exact IDs each one fails.

const expected: Record<Gateway, Record<string, string[]>> = JSON.parse(
  readFileSync(new URL('./faults.expected.json', import.meta.url), 'utf8'),
);

describe('pact/verify: every interaction can fail', function () {
  this.timeout(60_000);
  for (const gateway of ['lesspay', 'payloco'] as const) {
    it(`the ${gateway} faults below kill every interaction of the contract`, () => {
      const interactions = readInteractions([contractFile(gateway)]).map((i) => i.description);
      const all = [...checkIds(gateway, interactions).values()];
      const killed = new Set(Object.values(expected[gateway]).flat());
      expect(all.filter((id) => !killed.has(id))).to.deep.equal([]);
    });
    for (const [fault, fails] of Object.entries(expected[gateway])) {
      it(`${gateway} fault ${fault} fails exactly ${fails.join(', ')}`, async () => {
        const { target, mock } = await startEmbedded(gateway, { fault });
        try {
          const r = await verifyContracts({
            gateway,
            baseUrl: target.baseUrl,
            credentials: target.credentials,
            timeoutMs: 5000,
            deadlineMs: 40_000,
            targetKind: 'embedded-mock',
          });
          const failed = r.checks
            .filter((c) => c.status !== 'passed')
            .map((c) => c.id)
            .sort();
          expect(failed).to.deep.equal(fails);
        } finally {
          await mock.close();
        }
      });
    }
  }
});
