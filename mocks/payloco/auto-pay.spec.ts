import { expect } from 'chai';
import { paths, post, qrPayBody, queryBody, sleep, startReceiver } from '../../test/kits/payloco-mock.js';
import { startPaylocoMock } from './index.js';

// The sandbox policy autoPayAfterMs (off by default): an active QR is paid by itself after the delay, with the
// webhook sent as for a payer who scanned it. Until then the order reads PENDING (P7).
describe('payloco mock: sandbox policy autoPayAfterMs', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });

  for (const variant of ['a', 'b'] as const)
    it(`variant ${variant}: a QR pay is PENDING, then SUCCESS by itself, with its webhook`, async () => {
      const receiver = await startReceiver();
      const mock = await startPaylocoMock({ variant, autoPayAfterMs: 1500 });
      open.push(mock, receiver);
      const pay = await post(mock, paths.pay, qrPayBody(mock, { notifyUrl: receiver.url }));
      expect(pay.body).to.include({ code: '00000003' });
      expect(pay.body.data.status).to.equal('PENDING');
      const id = { merchantOrderId: pay.body.data.merchantOrderId };
      const before = await post(mock, paths.query, queryBody(mock, id));
      expect(before.body.data.status).to.equal('PENDING');
      const [delivery] = await receiver.waitFor(1);
      expect(delivery.body.data).to.include({ ...id, status: 'SUCCESS' });
      const after = await post(mock, paths.query, queryBody(mock, id));
      expect(after.body).to.include({ code: '00000000' });
      expect(after.body.data.status).to.equal('SUCCESS');
    });

  it('off by default: the QR order stays PENDING', async () => {
    const mock = await startPaylocoMock();
    open.push(mock);
    const pay = await post(mock, paths.pay, qrPayBody(mock));
    await sleep(400);
    const id = { merchantOrderId: pay.body.data.merchantOrderId };
    expect((await post(mock, paths.query, queryBody(mock, id))).body.data.status).to.equal('PENDING');
  });

  it('refuses a delay that is not a number of ms', async () => {
    for (const bad of [-1, Number.NaN, '500'])
      await startPaylocoMock({ autoPayAfterMs: bad as number }).then(
        () => expect.fail(`accepted ${String(bad)}`),
        (err: Error) => expect(err.message).to.match(/autoPayAfterMs must be a number of ms/),
      );
  });
});
