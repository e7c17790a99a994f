import { expect } from 'chai';
import { startLesspayMock } from '../../mocks/lesspay/index.js';
import { startPaylocoMock } from '../../mocks/payloco/index.js';
import { Client, payinBody } from './lesspay-mock.js';
import { post, qrPayBody } from './payloco-mock.js';

// The audit that every conformant answer in the mocks' own tests goes through has to bite: a fault variant that
// breaks the envelope is caught when its answers are audited.
describe('mock test clients audit answers against the envelope schemas', () => {
  it('a Lesspay answer with code as a string is refused by the audit', async () => {
    const mock = await startLesspayMock({ fault: 'code-as-string' });
    try {
      const audited = new Client(mock, true);
      let error: unknown;
      await audited.call('/api/global/v1/pay/create-order', payinBody()).catch((e) => (error = e));
      expect(String(error)).to.match(/does not match lesspay\/pay-in-envelope\.schema\.json/);
    } finally {
      await mock.close();
    }
  });

  it('a Payloco answer without traceId is refused by the audit', async () => {
    const mock = await startPaylocoMock({ fault: 'trace-id-missing' });
    try {
      let error: unknown;
      await post(mock, '/v1/payments/open/api/pay', qrPayBody(mock)).catch((e) => (error = e));
      expect(String(error)).to.match(/does not match payloco\/envelope\.schema\.json/);
    } finally {
      await mock.close();
    }
  });
});
