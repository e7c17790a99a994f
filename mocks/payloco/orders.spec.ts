import { expect } from 'chai';
import request from 'supertest';
import {
  micropayBody,
  paths,
  post,
  qrPayBody,
  queryBody,
  scan,
  sleep,
  uniqueId,
} from '../../test/kits/payloco-mock.js';
import { type RunningMock, startPaylocoMock } from './index.js';

for (const variant of ['a', 'b'] as const) {
  describe(`payloco mock variant ${variant}: orders, QR and MICROPAY (P7–P9)`, () => {
    let mock: RunningMock;
    before(async () => {
      mock = await startPaylocoMock({ variant });
    });
    after(() => mock.close());

    const pendingQueryCode = variant === 'a' ? '00000000' : '00000003';
    const queryOf = (extra: Record<string, unknown>) => post(mock, paths.query, queryBody(mock, extra));

    it('answers active QR 00000003 PENDING with a qrCode URL, even with an authCode present', async () => {
      const body = qrPayBody(mock);
      const res = await post(mock, paths.pay, body);
      expect(res.body.code).to.equal('00000003');
      expect(res.body.data).to.include({ status: 'PENDING', merchantOrderId: body.merchantOrderId });
      expect(res.body.data.orderId).to.be.a('string').and.not.equal('');
      expect(res.body.data.qrCode).to.equal(`${mock.url}/qr/${res.body.data.orderId}`);
    });

    it('shows a QR order PENDING until it is paid through the scan page, then SUCCESS', async () => {
      const body = qrPayBody(mock, { transAmt: '12.30', currency: 'EUR' });
      const pay = await post(mock, paths.pay, body);
      const { orderId, qrCode } = pay.body.data;

      const pending = await queryOf({ merchantOrderId: body.merchantOrderId });
      expect(pending.body.code).to.equal(pendingQueryCode);
      expect(pending.body.data).to.include({
        status: 'PENDING',
        orderId,
        transAmt: '12.30',
        currency: 'EUR',
      });

      const page = await request(qrCode).get('');
      expect(page.status).to.equal(200);
      expect(page.headers['content-type']).to.match(/^text\/html/);
      expect(page.text).to.include('value="pay"').and.include('value="decline"');

      const paid = await scan(qrCode, 'pay');
      expect(paid.status).to.equal(200);
      expect(paid.text).to.include('SUCCESS');

      const done = await queryOf({ orderId });
      expect(done.body.code).to.equal('00000000');
      expect(done.body.data).to.include({
        status: 'SUCCESS',
        orderId,
        merchantOrderId: body.merchantOrderId,
        currency: 'EUR',
        transAmt: '12.30',
        payMethod: 'QRCODE',
      });
      expect(done.body.data.completeTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      const again = await scan(qrCode, 'decline');
      expect(again.status).to.equal(409);
      expect((await queryOf({ orderId })).body.data.status).to.equal('SUCCESS');
    });

    it('marks a QR order FAILED when the customer declines on the scan page', async () => {
      const pay = await post(mock, paths.pay, qrPayBody(mock));
      expect((await scan(pay.body.data.qrCode, 'decline')).status).to.equal(200);
      const res = await queryOf({ orderId: pay.body.data.orderId });
      expect(res.body.code).to.equal('00000000');
      expect(res.body.data.status).to.equal('FAILED');
    });

    it('answers the scan page 404 for an unknown order and 400 for an unknown outcome', async () => {
      expect((await request(mock.url).get('/qr/unknown')).status).to.equal(404);
      const pay = await post(mock, paths.pay, qrPayBody(mock));
      expect(
        (await request(pay.body.data.qrCode).post('').type('form').send({ outcome: 'maybe' })).status,
      ).to.equal(400);
    });

    it('refuses a duplicate merchantOrderId and leaves the first order unchanged', async () => {
      const body = qrPayBody(mock);
      const first = await post(mock, paths.pay, body);
      const second = await post(mock, paths.pay, { ...body, transAmt: '99.00', payMode: undefined });
      expect(second.body.code).to.equal('22070041');
      expect(second.body.data.status).to.equal('FAILED');
      const res = await queryOf({ merchantOrderId: body.merchantOrderId });
      expect(res.body.data).to.include({
        orderId: first.body.data.orderId,
        transAmt: '20.01',
        status: 'PENDING',
      });
    });

    it('fails a query for an unknown order (22070040, Order does not exist, FAILED)', async () => {
      for (const extra of [{ orderId: 'nope' }, { merchantOrderId: uniqueId('NONE') }]) {
        const res = await queryOf(extra);
        expect(res.body.code).to.equal('22070040');
        expect(res.body.message).to.equal('Order does not exist');
        expect(res.body.data.status).to.equal('FAILED');
      }
    });

    it('fails a query naming no order, or an orderId and merchantOrderId of different orders', async () => {
      expect((await queryOf({})).body.code).to.equal('22070031');
      const pay = await post(mock, paths.pay, qrPayBody(mock));
      const res = await queryOf({ orderId: pay.body.data.orderId, merchantOrderId: 'other' });
      expect(res.body.code).to.equal('22070040');
    });

    if (variant === 'a') {
      it('answers MICROPAY 00000000 SUCCESS', async () => {
        const res = await post(mock, paths.pay, micropayBody(mock));
        expect(res.body.code).to.equal('00000000');
        expect(res.body.data).to.include({ status: 'SUCCESS', payMethod: 'MICROPAY' });
      });
    } else {
      it('answers MICROPAY 00000003 PENDING (channel timeout) and resolves it to SUCCESS', async () => {
        const body = micropayBody(mock);
        const res = await post(mock, paths.pay, body);
        expect(res.body.code).to.equal('00000003');
        expect(res.body.data.status).to.equal('PENDING');
        await sleep(200);
        const query = await queryOf({ merchantOrderId: body.merchantOrderId });
        expect(query.body.code).to.equal('00000000');
        expect(query.body.data.status).to.equal('SUCCESS');
      });
    }

    it('scenario: authCode 98… times out (PENDING) and resolves to SUCCESS', async () => {
      const body = micropayBody(mock, { authCode: '981234567890' });
      expect((await post(mock, paths.pay, body)).body.data.status).to.equal('PENDING');
      await sleep(200);
      expect((await queryOf({ merchantOrderId: body.merchantOrderId })).body.data.status).to.equal('SUCCESS');
    });

    it('scenario: authCode 99… is declined (22070050, FAILED)', async () => {
      const body = micropayBody(mock, { authCode: '991234567890' });
      const res = await post(mock, paths.pay, body);
      expect(res.body.code).to.equal('22070050');
      expect(res.body.data.status).to.equal('FAILED');
      expect((await queryOf({ merchantOrderId: body.merchantOrderId })).body.data.status).to.equal('FAILED');
    });

    it('pays a card order (neither QRCODE nor authCode) at once', async () => {
      const body = qrPayBody(mock, {
        payMode: undefined,
        authCode: undefined,
        payMethodInfo: { cardNo: '4111' },
      });
      const res = await post(mock, paths.pay, body);
      expect(res.body.code).to.equal('00000000');
      expect(res.body.data).to.include({ status: 'SUCCESS', payMethod: 'CARD' });
    });
  });
}
