import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { micropayBody, paths, post } from '../../test/kits/payloco-mock.js';
import { faults, startPaylocoMock, variants } from './index.js';

describe('payloco mock: module API', () => {
  it('exports the variants and the fault table', () => {
    expect(variants).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    for (const fault of Object.values(faults)) {
      expect(fault.reading).to.match(/^P([1-9]|10)$/);
      expect(fault.description).to.be.a('string').and.not.equal('');
    }
  });

  it('returns the test credentials with existing key files', async () => {
    const mock = await startPaylocoMock();
    try {
      expect(mock.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mock.credentials.merchantId).to.equal('2001000000002036');
      expect(mock.credentials.webhookSecret).to.equal('paycert-payloco-test-webhook-secret');
      expect(existsSync(mock.credentials.privateKeyPath)).to.equal(true);
      expect(readFileSync(mock.credentials.platformPublicKeyPath, 'utf8')).to.match(/BEGIN PUBLIC KEY/);
    } finally {
      await mock.close();
    }
  });

  it('rejects an unknown variant', async () => {
    const start = startPaylocoMock({ variant: 'z' as 'a' });
    let error: unknown;
    await start.catch((e: unknown) => {
      error = e;
    });
    expect(String(error)).to.match(/unknown Payloco variant/);
  });

  it('closes idempotently, with a settlement still scheduled, and stops listening', async () => {
    const mock = await startPaylocoMock({ variant: 'b' });
    expect((await post(mock, paths.pay, micropayBody(mock))).body.code).to.equal('00000003');
    await Promise.all([mock.close(), mock.close()]);
    await mock.close();
    let refused = false;
    await request(mock.url)
      .get(paths.pay)
      .catch(() => {
        refused = true;
      });
    expect(refused).to.equal(true);
  });
});
