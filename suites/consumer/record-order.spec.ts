import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import { mockFetch, PACT_MAJOR, pact } from './pact.js';

// The race recorded.ts was written for: Pact 16's mock server answered first and recorded the match afterwards, so
// executeTest, which reads the record as soon as the test function returns, could report "expected but not received"
// for a request that had been answered (6 of 200 at load 20). This is that test: many one-request interactions on a
// machine kept busy, each verified the moment the client has its answer. On Pact 17 the client uses plain fetch.

const ROUNDS = 150;
const BUSY_THREADS = 4;

function busy(): Worker {
  return new Worker('for (;;) Math.sqrt(Math.random());', { eval: true });
}

describe(`Pact ${PACT_MAJOR} mock server: every answered request is recorded when executeTest reads it`, function () {
  this.timeout(180_000);
  let dir: string;
  let load: Worker[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-pact-race-'));
    load = Array.from({ length: BUSY_THREADS }, busy);
  });
  after(async () => {
    await Promise.all(load.map((w) => w.terminate()));
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${ROUNDS} one-request interactions under load, ${PACT_MAJOR === 17 ? 'plain fetch' : 'through recordedFetch'}`, async () => {
    const missed: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const p = new pact.PactV4({
        consumer: 'race-consumer',
        provider: 'race-provider',
        dir,
        logLevel: 'error',
      });
      try {
        await p
          .addInteraction()
          .uponReceiving(`request ${i}`)
          .withRequest('POST', `/r/${i}`, (b) => b.jsonBody({ i }))
          .willRespondWith(200, (b) => b.jsonBody({ ok: true }))
          .executeTest(async (mock) => {
            const res = await mockFetch(mock, 5000)(`${mock.url}/r/${i}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ i }),
            });
            expect(res.status).to.equal(200);
          });
      } catch (err) {
        missed.push(`${i}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    expect(missed).to.deep.equal([]);
  });
});
