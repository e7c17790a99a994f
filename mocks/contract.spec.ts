import { expect } from 'chai';
import type { GatewayMock } from './contract.js';
import { mock as lesspay } from './lesspay/index.js';
import { mock as payloco } from './payloco/index.js';

// Both mocks keep one contract (mocks/contract.ts): the harness starts either through it, with no per-gateway code.

const mocks: GatewayMock[] = [lesspay, payloco];

describe('mock contract', () => {
  for (const mock of mocks) {
    describe(mock.gateway, () => {
      it('names at least two conformant variants and its faults as {name, reading, level, description}', () => {
        expect(mock.variants.length).to.be.at.least(2);
        for (const [key, f] of Object.entries(mock.faults)) {
          expect(Object.keys(f).sort(), key).to.deep.equal(['description', 'level', 'name', 'reading']);
          expect(f.name).to.equal(key);
          expect(f.reading).to.match(mock.gateway === 'lesspay' ? /^L\d+$/ : /^P\d+$/);
          expect(['MUST', 'SHOULD']).to.include(f.level);
          expect(f.description, key).not.to.match(/\((MUST|SHOULD)\)/);
        }
      });

      it('starts on loopback, gives credentials as configured and as a client signs, and closes', async () => {
        const running = await mock.start({ host: '127.0.0.1', port: 0, variant: mock.variants[1] });
        try {
          expect(running.url).to.match(/^http:\/\/127\.0\.0\.1:\d+/);
          expect(Object.keys(running.clientCredentials)).to.have.length.greaterThan(0);
          for (const value of Object.values(running.clientCredentials))
            expect(value).to.be.a('string').and.not.equal('');
        } finally {
          await running.close();
        }
      });

      it('refuses an unknown variant and an unknown fault by name', async () => {
        const failure = (p: Promise<unknown>) =>
          p.then(
            () => undefined,
            (e: Error) => e,
          );
        expect((await failure(mock.start({ variant: 'zz' })))?.message).to.match(/unknown .* variant "zz"/);
        expect((await failure(mock.start({ fault: 'no-such-fault' })))?.message).to.match(
          /unknown .* fault "no-such-fault"/,
        );
      });
    });
  }
});
