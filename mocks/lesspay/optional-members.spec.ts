import { expect } from 'chai';
import { batchBody, Client, PATH, payinBody } from '../../test/kits/lesspay-mock.js';
import { type RunningMock, startLesspayMock } from './index.js';

// The optional members the request schemas type are checked too (L6 "a wrong type"), and the banks request needs
// its way_code (paycert's reading of PayoutBankDTO).
describe('lesspay mock: typed optional members', () => {
  let mock: RunningMock;
  let c: Client;
  before(async () => {
    mock = await startLesspayMock({});
    c = new Client(mock);
  });
  after(() => mock.close());

  for (const [field, value] of [
    ['transaction_network', ['TRC20']],
    ['use_channel_request_id', 'yes'],
  ] as const) {
    it(`refuses a pay-in whose ${field} has the wrong JSON type`, async () => {
      const r = await c.call(PATH.createPayin, payinBody({ [field]: value }));
      expect(r.json.code).to.equal(11);
    });
  }

  it('accepts the optional members with their documented types', async () => {
    const r = await c.call(
      PATH.createPayin,
      payinBody({ transaction_network: 'TRC20', use_channel_request_id: true }),
    );
    expect(r.json.code).to.equal(0);
  });

  it('refuses a batch whose transaction_network is not a string', async () => {
    const r = await c.call(PATH.batchPayout, batchBody(['1500.00'], { transaction_network: 7 }));
    expect(r.json.code).to.not.equal(0);
  });

  it('refuses a banks request without way_code', async () => {
    const r = await c.call(PATH.banks, { bank_country_code: 'PH', currency: 'PHP' });
    expect(r.json.code).to.equal(30000);
  });
});
