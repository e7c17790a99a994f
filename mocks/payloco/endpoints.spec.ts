import { expect } from 'chai';
import request from 'supertest';
import { common, paths, post, qrPayBody, queryBody, uniqueId } from '../../test/kits/payloco-mock.js';
import { type RunningMock, startPaylocoMock } from './index.js';

const statuses = ['PENDING', 'SUCCESS', 'FAILED', 'CLOSED'];

function expectEnvelope(res: { headers: Record<string, string>; body: Record<string, any> }) {
  expect(res.headers['content-type']).to.match(/^application\/json(;\s*charset=utf-8)?$/i);
  expect(res.body.code)
    .to.be.a('string')
    .and.match(/^\d{8}$/);
  expect(res.body.message).to.be.a('string');
  expect(res.body.traceId).to.be.a('string').and.not.equal('');
  expect(res.body.data).to.be.an('object');
  expect(statuses).to.include(res.body.data.status);
}

for (const variant of ['a', 'b'] as const) {
  describe(`payloco mock variant ${variant}: endpoints and request checks (P1–P5)`, () => {
    let mock: RunningMock;
    before(async () => {
      mock = await startPaylocoMock({ variant });
    });
    after(() => mock.close());

    const failureStatus = variant === 'a' ? 200 : 400;

    function expectFailure(res: any, code: string) {
      expectEnvelope(res);
      expect(res.body.code).to.equal(code);
      expect(res.body.data.status).to.equal('FAILED');
    }

    async function orderExists(merchantOrderId: unknown): Promise<boolean> {
      const res = await post(mock, paths.query, queryBody(mock, { merchantOrderId }));
      return res.body.code !== '22070040';
    }

    it(`serves its base URL ${variant === 'a' ? 'at the root' : 'under /gateway'}`, () => {
      expect(new URL(mock.url).pathname).to.equal(variant === 'a' ? '/' : '/gateway');
    });

    it('answers every endpoint with the unified envelope and a fresh traceId', async () => {
      const pay = await post(mock, paths.pay, qrPayBody(mock));
      const query = await post(mock, paths.query, queryBody(mock, { orderId: pay.body.data.orderId }));
      const payV2 = await post(
        mock,
        paths.payV2,
        common(mock, { data: { merchantOrderId: uniqueId('V2'), totalAmount: 10.01, currency: 'USD' } }),
      );
      const preAuthVoid = await post(mock, paths.preAuthVoid, common(mock));
      const responses = [pay, query, payV2, preAuthVoid];
      for (const res of responses) expectEnvelope(res);
      expect(new Set(responses.map((res) => res.body.traceId)).size).to.equal(responses.length);
      const jsonType = variant === 'a' ? 'application/json' : 'application/json; charset=utf-8';
      expect(pay.headers['content-type']).to.equal(jsonType);
      if (variant === 'b') {
        expect(pay.body).to.have.property('timestamp');
        expect(pay.body.data).to.have.property('responseTime');
      }
    });

    it('answers an unknown path 404 with a JSON envelope', async () => {
      const res = await request(mock.url).post('/v1/payments/open/api/refund').send({});
      expect(res.status).to.equal(404);
      expectFailure(res, '11000404');
    });

    if (variant === 'b') {
      it('does not serve the endpoints outside /gateway', async () => {
        const root = mock.url.replace(/\/gateway$/, '');
        const res = await request(root).post(paths.pay).send(qrPayBody(mock));
        expect(res.status).to.equal(404);
      });
    }

    it('answers a non-POST method 405 with Allow: POST and a JSON envelope', async () => {
      for (const path of Object.values(paths)) {
        const res = await request(mock.url).get(path);
        expect(res.status).to.equal(405);
        expect(res.headers.allow).to.equal('POST');
        expectFailure(res, '11000405');
      }
    });

    it(`answers business failures with HTTP ${failureStatus}, a signature failure with ${variant === 'a' ? 200 : 401}`, async () => {
      const failure = await post(mock, paths.query, queryBody(mock, { orderId: 'missing' }));
      expect(failure.status).to.equal(failureStatus);
      const unsigned = await post(mock, paths.query, queryBody(mock, { orderId: 'missing' }), {
        signature: null,
      });
      expect(unsigned.status).to.equal(variant === 'a' ? 200 : 401);
    });

    it('requires transType on v1 pay and v1 query (22070030, exact message, FAILED)', async () => {
      const { transType: _pay, ...pay } = qrPayBody(mock);
      const { transType: _query, ...query } = queryBody(mock, { orderId: '1' });
      for (const [path, body] of [
        [paths.pay, pay],
        [paths.query, query],
      ] as const) {
        const res = await post(mock, path, body);
        expectFailure(res, '22070030');
        expect(res.body.message).to.equal('Format error-transType cannot be empty');
      }
      expect(await orderExists(pay.merchantOrderId)).to.equal(false);
    });

    it('does not require transType on v2 pay or preAuthVoid', async () => {
      const v2 = await post(
        mock,
        paths.payV2,
        common(mock, { data: { merchantOrderId: uniqueId('V2'), totalAmount: '5.00', currency: 'EUR' } }),
      );
      expect(v2.body.code).to.equal('00000000');
      const preAuthVoid = await post(mock, paths.preAuthVoid, common(mock));
      expect(preAuthVoid.body.code).to.equal('00000003');
      expect(preAuthVoid.body.data.status).to.equal('PENDING');
    });

    it('accepts only version 2.0.0', async () => {
      for (const version of ['1.0.0', '2.0', 2, undefined]) {
        const body = qrPayBody(mock, { version });
        const res = await post(mock, paths.pay, body);
        expectFailure(res, '11000003');
        expect(await orderExists(body.merchantOrderId)).to.equal(false);
      }
    });

    it('requires merchantId and knows only the test merchant', async () => {
      const { merchantId: _dropped, ...missing } = qrPayBody(mock);
      expectFailure(await post(mock, paths.pay, missing), '11000002');
      expectFailure(
        await post(mock, paths.pay, qrPayBody(mock, { merchantId: '2001000000009999' })),
        '11000004',
      );
      expect(await orderExists(missing.merchantOrderId)).to.equal(false);
    });

    it('accepts requests without requestTime, keyVersion and memberId (the v1 examples omit them)', async () => {
      const { requestTime: _t, keyVersion: _k, memberId: _m, ...body } = qrPayBody(mock);
      const res = await post(mock, paths.pay, body);
      expect(res.body.code).to.equal('00000003');
    });

    it('rejects an unsupported charset, signType or keyVersion', async () => {
      for (const extra of [{ charset: 'GBK' }, { signType: 'MD5' }, { keyVersion: '2' }]) {
        expectFailure(await post(mock, paths.pay, qrPayBody(mock, extra)), '11000005');
      }
      expect((await post(mock, paths.pay, qrPayBody(mock, { charset: 'utf-8' }))).body.code).to.equal(
        '00000003',
      );
    });

    it('fails parameters sent in the query string instead of the body, creating nothing (P5)', async () => {
      const body = qrPayBody(mock);
      const query = new URLSearchParams(body as Record<string, string>).toString();
      for (const text of ['', '{}']) {
        const res = await post(mock, paths.pay, text, { query });
        expectFailure(res, '11000002');
        expect(res.body.message).to.match(/missing system parameters/i);
      }
      expect(await orderExists(body.merchantOrderId)).to.equal(false);
    });

    it('fails a body that is not a JSON object', async () => {
      expectFailure(await post(mock, paths.pay, '{"version":'), '11000006');
      expectFailure(await post(mock, paths.pay, '[1,2]'), '11000006');
    });

    it('fails v1 amounts that are not strings holding a positive decimal', async () => {
      for (const transAmt of ['0', '0.00', '-1', '20.011', 'abc', '', 20.01, '1e3']) {
        const body = qrPayBody(mock, { transAmt });
        expectFailure(await post(mock, paths.pay, body), '22070031');
        expect(await orderExists(body.merchantOrderId)).to.equal(false);
      }
    });

    it('fails a pay without merchantOrderId or currency, or with a non-http notifyUrl', async () => {
      for (const extra of [
        { merchantOrderId: undefined },
        { currency: undefined },
        { notifyUrl: 'ftp://x' },
      ]) {
        expectFailure(await post(mock, paths.pay, qrPayBody(mock, extra)), '22070031');
      }
    });

    it('takes v2 business fields from data, totalAmount as a number or a numeric string', async () => {
      for (const [totalAmount, expected] of [
        [10.01, '10.01'],
        ['7.5', '7.5'],
      ]) {
        const merchantOrderId = uniqueId('V2');
        const res = await post(
          mock,
          paths.payV2,
          common(mock, { data: { merchantOrderId, totalAmount, currency: 'USD' } }),
        );
        expect(res.body.code).to.equal('00000000');
        const query = await post(mock, paths.query, queryBody(mock, { merchantOrderId }));
        expect(query.body.data.transAmt).to.equal(expected);
      }
      expectFailure(await post(mock, paths.payV2, common(mock)), '22070031');
      const bad = common(mock, {
        data: { merchantOrderId: uniqueId('V2'), totalAmount: -3, currency: 'USD' },
      });
      expectFailure(await post(mock, paths.payV2, bad), '22070031');
    });

    it('answers preAuthVoid 00000003 PENDING, and fails one naming an unknown order', async () => {
      const pay = await post(mock, paths.pay, qrPayBody(mock));
      const known = await post(mock, paths.preAuthVoid, common(mock, { orderId: pay.body.data.orderId }));
      expect(known.body.code).to.equal('00000003');
      expect(known.body.data).to.include({ status: 'PENDING', orderId: pay.body.data.orderId });
      expectFailure(await post(mock, paths.preAuthVoid, common(mock, { orderId: 'nope' })), '22070040');
      expectFailure(
        await post(mock, paths.preAuthVoid, common(mock, { merchantOrderId: 'nope' })),
        '22070040',
      );
    });
  });
}
