import { expect } from 'chai';
import { type StubReply, startStub } from '../../test/kits/client-stub.js';
import { lesspaySign } from '../signing/lesspay.js';
import { LesspayClient, LesspayError, LesspayProtocolError } from './lesspay.js';
import { ClientTransportError } from './transport.js';

const credentials = { appId: 'app-1', appSecret: 'secret-1' };
const order = { pay_order_id: 'P1', request_id: 'R1', target_amount: '10.00', order_status: 0 };
const createBody = {
  request_id: 'R1',
  product_name: 'p',
  description: 'd',
  target_amount: '10.00',
  target_currency: 'USD',
  success_url: 'https://m.example/s',
  fail_url: 'https://m.example/f',
  api_version: 'V2' as const,
  pay_access_type: 1 as const,
};

async function withStub(
  reply: (body: any) => StubReply,
  fn: (c: LesspayClient, seen: any[]) => Promise<void>,
) {
  const stub = await startStub((req) => reply(JSON.parse(req.text || '{}')));
  try {
    await fn(
      new LesspayClient({ baseUrl: `${stub.url}/`, credentials, timeoutMs: 1000, now: () => 1764577927000 }),
      stub.seen,
    );
  } finally {
    await stub.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('clients/lesspay', () => {
  it('signs the body with the L3 headers and posts to the create path', async () => {
    await withStub(
      () => ({
        body: {
          code: 0,
          msg: 'SUCCESS',
          data: { pay_order_id: 'P1', checkout_url: 'https://pay.example/c/P1' },
        },
      }),
      async (client, seen) => {
        const created = await client.createPayin(createBody);
        expect(created.pay_order_id).to.equal('P1');
        const req = seen[0];
        expect(req.url).to.equal('/api/global/v1/pay/create-order');
        const sent = JSON.parse(req.text);
        expect(sent.transaction_type).to.equal('PAY_IN');
        expect(req.headers['x-auth-appid']).to.equal('app-1');
        expect(req.headers['x-auth-timestamp']).to.equal('1764577927000');
        expect(req.headers['x-auth-signature']).to.equal(lesspaySign(sent, 'secret-1'));
      },
    );
  });

  it('rejects a cashier create answer without an http(s) checkout_url', async () => {
    await withStub(
      () => ({ body: { code: 0, msg: '', data: { pay_order_id: 'P1', checkout_url: '/checkout/P1' } } }),
      async (client) => {
        expect(await rejection(client.createPayin(createBody))).to.be.instanceOf(LesspayProtocolError);
      },
    );
  });

  it('returns the order when data is the order', async () => {
    await withStub(
      () => ({ body: { code: 0, msg: 'SUCCESS', data: order } }),
      async (client, seen) => {
        const found = await client.queryPayin({ request_id: 'R1', start_time: 1, end_time: 2 });
        expect(found.pay_order_id).to.equal('P1');
        expect(JSON.parse(seen[0].text)).to.deep.equal({ request_id: 'R1', start_time: '1', end_time: '2' });
      },
    );
  });

  it('returns the order when data holds it in an array', async () => {
    await withStub(
      () => ({ body: { code: 0, msg: '', trace_id: 't', data: { records: [order], total: 1 } } }),
      async (client) => {
        expect((await client.queryPayin({ pay_order_id: 'P1' })).request_id).to.equal('R1');
      },
    );
  });

  it('treats code 0 without the queried order as a protocol error', async () => {
    await withStub(
      () => ({ body: { code: 0, msg: '', data: { records: [] } } }),
      async (client) => {
        expect(await rejection(client.queryPayin({ request_id: 'R1' }))).to.be.instanceOf(
          LesspayProtocolError,
        );
      },
    );
  });

  for (const status of [200, 400]) {
    it(`throws LesspayError with code and msg for a business error (HTTP ${status})`, async () => {
      await withStub(
        () => ({ status, body: { code: 1202, msg: 'Order does not exist', data: null } }),
        async (client) => {
          const err = await rejection(client.queryPayin({ request_id: 'nope' }));
          expect(err).to.be.instanceOf(LesspayError);
          expect(err).to.include({ code: 1202, msg: 'Order does not exist', httpStatus: status });
        },
      );
    });
  }

  it('throws LesspayError for a 401, with or without an envelope', async () => {
    await withStub(
      () => ({ status: 401, body: '' }),
      async (client) => {
        expect(await rejection(client.queryPayout({ request_id: 'R' }))).to.include({
          code: null,
          httpStatus: 401,
        });
      },
    );
    await withStub(
      () => ({ status: 401, body: { code: 5004, msg: 'Permission Error', data: null } }),
      async (client) => {
        expect(await rejection(client.queryPayout({ request_id: 'R' }))).to.include({
          code: 5004,
          httpStatus: 401,
        });
      },
    );
  });

  it('rejects an envelope whose code is a string', async () => {
    await withStub(
      () => ({ body: { code: '0', msg: '', data: order } }),
      async (client) => {
        const err = await rejection(client.queryPayin({ request_id: 'R1' }));
        expect(err).to.be.instanceOf(LesspayProtocolError);
        expect(err.problems.join()).to.match(/code/);
      },
    );
  });

  it('rejects a payout code outside the tables on pay-in but accepts 30020 on payout', async () => {
    await withStub(
      () => ({ body: { code: 30020, msg: 'Order Not Found', data: null } }),
      async (client) => {
        expect(await rejection(client.queryPayout({ request_id: 'R' }))).to.include({ code: 30020 });
        expect(await rejection(client.queryPayin({ request_id: 'R' }))).to.be.instanceOf(
          LesspayProtocolError,
        );
      },
    );
  });

  it('gives up after timeoutMs', async () => {
    await withStub(
      () => ({ hang: true }),
      async (client) => {
        expect(await rejection(client.queryPayout({ request_id: 'R' }))).to.be.instanceOf(
          ClientTransportError,
        );
      },
    );
  });
});
