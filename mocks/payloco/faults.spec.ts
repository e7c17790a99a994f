import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import {
  ack,
  common,
  markFaulty,
  micropayBody,
  paths,
  post,
  qrPayBody,
  queryBody,
  type Receiver,
  responseSignatureVerifies,
  scan,
  sleep,
  startReceiver,
} from '../../test/kits/payloco-mock.js';
import { faults, type RunningMock, startPaylocoMock } from './index.js';

type Json = Record<string, any>;

interface Env {
  mock: RunningMock;
  receiver: Receiver;
  setReply(reply: (n: number) => { status: number; body: string }): void;
}

const without = (body: Json, key: string) => {
  const { [key]: _dropped, ...rest } = body;
  return rest;
};
const qrPay = (env: Env, extra: Json = {}) => post(env.mock, paths.pay, qrPayBody(env.mock, extra));
const queryOf = (env: Env, extra: Json) => post(env.mock, paths.query, queryBody(env.mock, extra));
const missingTransType = (env: Env) => post(env.mock, paths.pay, without(qrPayBody(env.mock), 'transType'));
async function webhookDeliveries(env: Env, count: number) {
  await post(env.mock, paths.pay, micropayBody(env.mock, { notifyUrl: env.receiver.url }));
  await env.receiver.waitFor(count);
  await sleep(120);
  return env.receiver.deliveries;
}
const exists = async (env: Env, merchantOrderId: unknown) =>
  (await queryOf(env, { merchantOrderId })).body.code === '00000000';

/** For every fault, the deviation it is named after, observed on the wire. */
const deviations: Record<string, (env: Env) => Promise<void>> = {
  'code-numeric': async (env) => {
    expect((await qrPay(env)).body.code).to.equal(3);
  },
  'code-seven-digits': async (env) => {
    expect((await qrPay(env)).body.code).to.equal('0000003');
  },
  'trace-id-missing': async (env) => {
    expect((await qrPay(env)).body).to.not.have.property('traceId');
  },
  'trace-id-constant': async (env) => {
    const [a, b] = [await qrPay(env), await qrPay(env)];
    expect(a.body.traceId).to.equal(b.body.traceId);
  },
  'status-lowercase': async (env) => {
    expect((await qrPay(env)).body.data.status).to.equal('pending');
  },
  'data-missing': async (env) => {
    expect((await qrPay(env)).body).to.not.have.property('data');
  },
  'message-missing': async (env) => {
    expect((await qrPay(env)).body).to.not.have.property('message');
  },
  'html-content-type': async (env) => {
    expect((await qrPay(env)).headers['content-type']).to.match(/^text\/html/);
  },
  'failure-status-not-failed': async (env) => {
    const res = await missingTransType(env);
    expect(res.body.code).to.equal('22070030');
    expect(res.body.data.status).to.equal('PENDING');
  },
  'qr-success-immediately': async (env) => {
    const res = await qrPay(env);
    expect(res.body).to.include({ code: '00000000' });
    expect(res.body.data.status).to.equal('SUCCESS');
  },
  'qr-code-not-00000003': async (env) => {
    const res = await qrPay(env);
    expect(res.body.code).to.equal('00000000');
    expect(res.body.data.status).to.equal('PENDING');
  },
  'query-pending-shows-success': async (env) => {
    const pay = await qrPay(env);
    const res = await queryOf(env, { orderId: pay.body.data.orderId });
    expect(res.body.data.status).to.equal('SUCCESS');
    expect((await request(pay.body.data.qrCode).get('')).text).to.include('value="pay"');
  },
  'query-paid-still-pending': async (env) => {
    const pay = await qrPay(env);
    await scan(pay.body.data.qrCode, 'pay');
    expect((await queryOf(env, { orderId: pay.body.data.orderId })).body.data.status).to.equal('PENDING');
  },
  'micropay-failed': async (env) => {
    const res = await post(env.mock, paths.pay, micropayBody(env.mock));
    expect(res.body.code).to.not.be.oneOf(['00000000', '00000003']);
    expect(res.body.data.status).to.equal('FAILED');
  },
  'micropay-success-code-pending': async (env) => {
    const res = await post(env.mock, paths.pay, micropayBody(env.mock));
    expect(res.body.code).to.equal('00000003');
    expect(res.body.data.status).to.equal('SUCCESS');
  },
  'transtype-not-required': async (env) => {
    expect((await missingTransType(env)).body.code).to.equal('00000003');
  },
  'transtype-wrong-code': async (env) => {
    const res = await missingTransType(env);
    expect(res.body.code).to.not.equal('22070030');
    expect(res.body.data.status).to.equal('FAILED');
  },
  'transtype-wrong-message': async (env) => {
    const res = await missingTransType(env);
    expect(res.body.code).to.equal('22070030');
    expect(res.body.message).to.not.equal('Format error-transType cannot be empty');
  },
  'version-not-checked': async (env) => {
    expect((await qrPay(env, { version: '1.0.0' })).body.code).to.equal('00000003');
  },
  'version-missing-accepted': async (env) => {
    expect((await post(env.mock, paths.pay, without(qrPayBody(env.mock), 'version'))).body.code).to.equal(
      '00000003',
    );
    expect((await qrPay(env, { version: '1.0.0' })).body.data.status).to.equal('FAILED');
  },
  'merchant-id-not-required': async (env) => {
    const res = await post(env.mock, paths.pay, without(qrPayBody(env.mock), 'merchantId'));
    expect(res.body.code).to.equal('00000003');
  },
  'query-string-params-accepted': async (env) => {
    const body = qrPayBody(env.mock);
    for (const text of ['', '{}']) {
      const fresh = { ...body, merchantOrderId: `${body.merchantOrderId}-${text.length}` };
      const res = await post(env.mock, paths.pay, text, { query: new URLSearchParams(fresh).toString() });
      expect(res.body.code).to.equal('00000003');
      expect(await exists(env, fresh.merchantOrderId)).to.equal(true);
    }
  },
  'signature-not-checked': async (env) => {
    expect((await post(env.mock, paths.pay, qrPayBody(env.mock), { signature: null })).body.code).to.equal(
      '00000003',
    );
  },
  'bad-signature-creates-order': async (env) => {
    const body = qrPayBody(env.mock);
    const res = await post(env.mock, paths.pay, body, { signature: 'bad' });
    expect(res.body.code).to.equal('11000001');
    expect(await exists(env, body.merchantOrderId)).to.equal(true);
  },
  'signature-over-reserialized-body': async (env) => {
    const res = await post(env.mock, paths.pay, JSON.stringify(qrPayBody(env.mock), null, 2));
    expect(res.body.code).to.equal('11000001');
  },
  'signature-sha1': async (env) => {
    expect((await qrPay(env)).body.code).to.equal('11000001');
  },
  'response-signature-invalid': async (env) => {
    const res = await qrPay(env);
    expect(res.headers.signature).to.be.a('string');
    expect(responseSignatureVerifies(env.mock, res)).to.equal(false);
  },
  'query-unknown-succeeds': async (env) => {
    expect((await queryOf(env, { orderId: 'nope' })).body.code).to.equal('00000000');
  },
  'query-wrong-amount': async (env) => {
    const pay = await qrPay(env);
    expect((await queryOf(env, { orderId: pay.body.data.orderId })).body.data.transAmt).to.equal('2001');
  },
  'query-amount-number': async (env) => {
    const pay = await qrPay(env);
    expect((await queryOf(env, { orderId: pay.body.data.orderId })).body.data.transAmt).to.equal(20.01);
  },
  'transtype-required-everywhere': async (env) => {
    const res = await post(env.mock, paths.preAuthVoid, common(env.mock, { transType: undefined }));
    expect(res.body.code).to.equal('22070030');
  },
  'query-by-merchant-order-id-ignored': async (env) => {
    const pay = await qrPay(env);
    expect((await queryOf(env, { merchantOrderId: pay.body.data.merchantOrderId })).body.code).to.not.equal(
      '00000000',
    );
  },
  'query-by-order-id-ignored': async (env) => {
    const pay = await qrPay(env);
    expect((await queryOf(env, { orderId: pay.body.data.orderId })).body.code).to.not.equal('00000000');
  },
  'query-wrong-merchant-order-id': async (env) => {
    const pay = await qrPay(env);
    const res = await queryOf(env, { orderId: pay.body.data.orderId });
    expect(res.body.data.merchantOrderId).to.not.equal(pay.body.data.merchantOrderId);
  },
  'query-wrong-currency': async (env) => {
    const pay = await qrPay(env);
    const res = await queryOf(env, { orderId: pay.body.data.orderId });
    expect(res.body.data.currency).to.not.equal('USD');
  },
  'query-complete-time-number': async (env) => {
    const pay = await qrPay(env);
    expect((await queryOf(env, { orderId: pay.body.data.orderId })).body.data.completeTime).to.equal(0);
    await scan(pay.body.data.qrCode, 'pay');
    const paid = (await queryOf(env, { orderId: pay.body.data.orderId })).body.data;
    expect(paid.status).to.equal('SUCCESS');
    expect(paid.completeTime).to.be.a('number').above(0);
  },
  'query-missing-order-id': async (env) => {
    const pay = await qrPay(env);
    const res = await queryOf(env, { merchantOrderId: pay.body.data.merchantOrderId });
    expect(res.body.data).to.not.have.property('orderId');
  },
  'duplicate-merchant-order-creates-second': async (env) => {
    const body = qrPayBody(env.mock);
    const first = await post(env.mock, paths.pay, body);
    const second = await post(env.mock, paths.pay, body);
    expect(second.body.code).to.equal('00000003');
    expect(second.body.data.orderId).to.not.equal(first.body.data.orderId);
  },
  'currency-format-not-checked': async (env) => {
    expect((await qrPay(env, { currency: 'US$' })).body.code).to.equal('00000003');
  },
  'amount-format-not-checked': async (env) => {
    expect((await qrPay(env, { transAmt: 'abc' })).body.code).to.equal('00000003');
  },
  'url-scheme-not-checked': async (env) => {
    expect((await qrPay(env, { notifyUrl: 'ftp://merchant.example/notify' })).body.code).to.equal('00000003');
  },
  'request-time-not-checked': async (env) => {
    expect((await qrPay(env, { requestTime: 'yesterday' })).body.code).to.equal('00000003');
  },
  'query-without-id-answered': async (env) => {
    expect((await post(env.mock, paths.query, common(env.mock, { transType: 'PAY' }))).body.code).to.equal(
      '00000000',
    );
  },
  'get-answered-200': async (env) => {
    expect((await request(env.mock.url).get(paths.pay)).status).to.equal(200);
  },
  'unknown-path-200': async (env) => {
    expect((await request(env.mock.url).post('/v1/payments/open/api/nothing').send({})).status).to.equal(200);
  },
  'pay-v1-missing': async (env) => {
    expect((await qrPay(env)).status).to.equal(404);
  },
  'pay-v2-missing': async (env) => {
    expect((await post(env.mock, paths.payV2, common(env.mock))).status).to.equal(404);
  },
  'query-endpoint-missing': async (env) => {
    expect((await queryOf(env, { transType: 'PAY', merchantOrderId: 'none' })).status).to.equal(405);
  },
  'pre-auth-void-missing': async (env) => {
    const res = await post(env.mock, paths.preAuthVoid, common(env.mock));
    const unknown = await request(env.mock.url).post('/v1/payments/open/api/nothing').send({});
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ code: unknown.body.code, message: unknown.body.message });
  },
  'webhook-unsigned': async (env) => {
    const [delivery] = await webhookDeliveries(env, 1);
    expect(delivery.headers).to.not.have.property('x-signature');
  },
  'webhook-bad-signature': async (env) => {
    const [delivery] = await webhookDeliveries(env, 1);
    const expected = createHmac('sha256', env.mock.credentials.webhookSecret)
      .update(delivery.text)
      .digest('hex');
    expect(delivery.headers['x-signature']).to.be.a('string').and.not.equal(expected);
  },
  'webhook-signature-stale-timestamp': async (env) => {
    const [delivery] = await webhookDeliveries(env, 1);
    const hmac = (text: string) =>
      createHmac('sha256', env.mock.credentials.webhookSecret).update(text).digest('hex');
    const ts = delivery.headers['x-timestamp'];
    const forms = [delivery.text, `${ts}${delivery.text}`, `${ts}.${delivery.text}`].map(hmac);
    expect(forms).to.not.include(delivery.headers['x-signature']);
  },
  'webhook-malformed': async (env) => {
    const [delivery] = await webhookDeliveries(env, 1);
    expect(delivery.body).to.not.have.any.keys('id', 'name', 'data');
  },
  'webhook-no-retry': async (env) => {
    env.setReply(() => ({ status: 500, body: '' }));
    expect(await webhookDeliveries(env, 1)).to.have.length(1);
  },
  'webhook-any-200-acks': async (env) => {
    env.setReply(() => ({ status: 200, body: 'OK' }));
    expect(await webhookDeliveries(env, 1)).to.have.length(1);
  },
  'webhook-id-changes-on-retry': async (env) => {
    env.setReply((n) => (n === 1 ? { status: 500, body: '' } : ack));
    const [first, second] = await webhookDeliveries(env, 2);
    expect(first.body.id).to.not.equal(second.body.id);
  },
  '500-on-valid-request': async (env) => {
    expect((await qrPay(env)).status).to.equal(500);
  },
};

describe('payloco mock: fault variants', () => {
  it('has a deviation test for every fault and no test for a fault that does not exist', () => {
    expect(Object.keys(deviations).sort()).to.deep.equal(Object.keys(faults).sort());
  });

  it('rejects an unknown fault name', async () => {
    let error: unknown;
    await startPaylocoMock({ fault: 'no-such-fault' }).catch((e: unknown) => {
      error = e;
    });
    expect(String(error)).to.match(/unknown Payloco fault/);
  });

  for (const [name, { reading, description }] of Object.entries(faults)) {
    it(`${name} (${reading}) deviates: ${description}`, async () => {
      let reply: (n: number) => { status: number; body: string } = () => ack;
      const receiver = await startReceiver((n) => reply(n));
      const mock = markFaulty(await startPaylocoMock({ fault: name, webhookRetryDelaysMs: [20, 20] }));
      try {
        await deviations[name]({ mock, receiver, setReply: (next) => (reply = next) });
      } finally {
        await Promise.all([mock.close(), receiver.close()]);
      }
    });
  }
});

describe('payloco mock: the conformant baseline of the fault scenarios', () => {
  it('does not show the faults’ deviations', async () => {
    const receiver = await startReceiver();
    const mock = await startPaylocoMock({ webhookRetryDelaysMs: [20] });
    try {
      const env: Env = { mock, receiver, setReply: () => {} };
      const pay = await qrPay(env);
      expect(pay.body.code).to.equal('00000003');
      expect(responseSignatureVerifies(mock, pay)).to.equal(true);
      expect((await missingTransType(env)).body).to.include({ code: '22070030' });
      expect((await post(mock, paths.pay, JSON.stringify(qrPayBody(mock), null, 2))).body.code).to.equal(
        '00000003',
      );
      expect((await post(mock, paths.payV2, common(mock))).body.data.status).to.equal('FAILED');
      for (const extra of [
        { currency: 'US$' },
        { transAmt: 'abc' },
        { notifyUrl: 'ftp://m.example/n' },
        { requestTime: 'yesterday' },
      ])
        expect((await qrPay(env, extra)).body.code, JSON.stringify(extra)).to.equal('22070031');
      expect((await post(mock, paths.query, common(mock, { transType: 'PAY' }))).body.code).to.equal(
        '22070031',
      );
      const [delivery] = await webhookDeliveries(env, 1);
      expect(delivery.body).to.have.all.keys('id', 'name', 'created_at', 'notifyTime', 'data');
    } finally {
      await Promise.all([mock.close(), receiver.close()]);
    }
  });
});
