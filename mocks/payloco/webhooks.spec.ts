import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import {
  ack,
  micropayBody,
  paths,
  post,
  qrPayBody,
  queryBody,
  type Receiver,
  scan,
  sleep,
  startReceiver,
} from '../../test/kits/payloco-mock.js';
import { type RunningMock, startPaylocoMock } from './index.js';

const hmac = (text: string, secret: string) => createHmac('sha256', secret).update(text).digest('hex');

describe('payloco mock: webhooks (P10)', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });

  async function setup(
    reply?: Parameters<typeof startReceiver>[0],
    variant: 'a' | 'b' = 'a',
    timeoutMs = 1000,
  ) {
    const receiver = await startReceiver(reply);
    const mock = await startPaylocoMock({
      variant,
      webhookRetryDelaysMs: [20, 40, 60],
      webhookTimeoutMs: timeoutMs,
    });
    open.push(mock, receiver);
    return { receiver, mock };
  }

  async function paidQrOrder(mock: RunningMock, receiver: Receiver) {
    const pay = await post(mock, paths.pay, qrPayBody(mock, { notifyUrl: receiver.url }));
    await scan(pay.body.data.qrCode, 'pay');
    return pay.body.data as Record<string, string>;
  }

  for (const variant of ['a', 'b'] as const) {
    it(`variant ${variant}: posts the signed final state of a paid QR order`, async () => {
      const { receiver, mock } = await setup(undefined, variant);
      const order = await paidQrOrder(mock, receiver);
      const [delivery] = await receiver.waitFor(1);
      expect(delivery.headers['content-type']).to.match(/^application\/json/);
      expect(delivery.headers['x-timestamp']).to.match(/^\d{13}$/);
      // P10 leaves open what the HMAC covers: a signs the body alone, b the x-timestamp value, '.', then the body.
      const signed = variant === 'a' ? delivery.text : `${delivery.headers['x-timestamp']}.${delivery.text}`;
      expect(delivery.headers['x-signature']).to.equal(hmac(signed, mock.credentials.webhookSecret));
      expect(delivery.body).to.include({ name: 'payment_intent.result' });
      expect(delivery.body.id).to.be.a('string').and.not.equal('');
      expect(delivery.body.created_at).to.be.a('string');
      expect(delivery.body.notifyTime).to.be.a('string');
      expect(delivery.body.data).to.include({
        merchantOrderId: order.merchantOrderId,
        orderId: order.orderId,
        status: 'SUCCESS',
        transAmt: '20.01',
        currency: 'USD',
      });
      expect((delivery.body.data as Record<string, unknown>).completeTime).to.be.a('string');
    });
  }

  it('retries with the same id and body until HTTP 200 with code 00000000, then stops', async () => {
    const replies = [
      { status: 500, body: 'oops' },
      { status: 200, body: 'OK' },
      { status: 200, body: '{"code":"1"}' },
    ];
    const { receiver, mock } = await setup((n) => replies[n - 1] ?? ack);
    await paidQrOrder(mock, receiver);
    const deliveries = await receiver.waitFor(4);
    await sleep(150);
    expect(deliveries).to.have.length(4);
    expect(new Set(deliveries.map((d) => d.text)).size).to.equal(1);
    expect(new Set(deliveries.map((d) => d.body.id)).size).to.equal(1);
  });

  it('retries after a timeout and gives up after the last delay', async () => {
    const { receiver, mock } = await setup((n) => (n === 1 ? 'hang' : { status: 503, body: '' }), 'a', 100);
    await post(mock, paths.pay, micropayBody(mock, { notifyUrl: receiver.url }));
    await receiver.waitFor(4, 2000);
    await sleep(200);
    expect(receiver.deliveries).to.have.length(4);
  });

  it('retries a refused connection', async () => {
    const receiver = await startReceiver();
    const notifyUrl = receiver.url;
    await receiver.close();
    const mock = await startPaylocoMock({ webhookRetryDelaysMs: [150] });
    open.push(mock);
    await post(mock, paths.pay, micropayBody(mock, { notifyUrl }));
    const port = Number(new URL(notifyUrl).port);
    // Reopen the merchant endpoint on the same port before the retry fires.
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      req.on('data', (c: Buffer) => seen.push(c.toString()));
      req.on('end', () => res.writeHead(200).end(ack.body));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    await sleep(400);
    expect(seen.join('')).to.include('payment_intent.result');
  });

  it('notifies declined MICROPAY orders and sends nothing for orders without notifyUrl', async () => {
    const { receiver, mock } = await setup();
    await post(mock, paths.pay, micropayBody(mock));
    await post(mock, paths.pay, micropayBody(mock, { authCode: '99000', notifyUrl: receiver.url }));
    const [delivery] = await receiver.waitFor(1);
    expect((delivery.body.data as Record<string, unknown>).status).to.equal('FAILED');
    await sleep(100);
    expect(receiver.deliveries).to.have.length(1);
  });
  it('sends the webhook of an order only after the answer that settled it, even behind answers being signed', async () => {
    let answered = false;
    const before: boolean[] = [];
    const { receiver, mock } = await setup(() => {
      before.push(!answered);
      return ack;
    });
    // Signed answers ahead of the pay answer keep it waiting for its signature while the order is already settled.
    const ahead = Array.from({ length: 100 }, () =>
      post(mock, paths.query, queryBody(mock, { merchantOrderId: 'NO-SUCH-ORDER' })),
    );
    const pay = post(mock, paths.pay, micropayBody(mock, { notifyUrl: receiver.url })).then(() => {
      answered = true;
    });
    await Promise.all([...ahead, pay]);
    await receiver.waitFor(1);
    expect(before).to.deep.equal([false]);
  });
});
