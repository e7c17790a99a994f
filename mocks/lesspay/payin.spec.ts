import { expect } from 'chai';
import { Client, createPayin, PATH, payinBody, rid } from '../../test/kits/lesspay-mock.js';
import { type RunningMock, startLesspayMock } from './index.js';

const DAY = 86_400_000;

for (const variant of ['a', 'b'] as const) {
  describe(`lesspay mock: pay-in create and query (variant ${variant})`, () => {
    let mock: RunningMock;
    let c: Client;
    before(async () => {
      mock = await startLesspayMock({ variant });
      c = new Client(mock);
    });
    after(() => mock.close());

    const paramStatus = variant === 'a' ? 400 : 200;
    const pending = variant === 'a' ? 'PENDING_PAY' : 1;
    const order = (json: any) => (variant === 'a' ? json.data : json.data.records[0]);
    const query = (body: Record<string, unknown>) => c.call(PATH.queryPayin, body);

    it('creates a cashier order with pay_order_id and an http checkout_url', async () => {
      const { res, data, body } = await createPayin(c);
      expect(res.status).to.equal(200);
      expect(res.json.code).to.equal(0);
      expect(data.pay_order_id).to.match(/^P\d{19}$/);
      expect(data.request_id).to.equal(body.request_id);
      expect(data.checkout_url).to.equal(`${mock.url}/checkout/${data.pay_order_id}`);
      expect(data.order_status).to.equal(pending);
    });

    it('creates an OpenAPI order (pay_access_type 2) without checkout_url, with the optional fields', async () => {
      const { res, data } = await createPayin(c, {
        pay_access_type: 2,
        notify_url: 'http://127.0.0.1:9/notify',
        way_type: 'CARD_PAYMENT',
        way_code: 'CHECKOUT_CARDPAYMENT',
        expired_time: 1800,
        api_version: 'V1',
        channel_extra: { extra_type: 'card', card_data: { number: '4242424242424242', expiry_month: 12 } },
      });
      expect(res.json.code).to.equal(0);
      expect(data.pay_order_id).to.be.a('string');
      expect(data).to.not.have.property('checkout_url');
    });

    const invalid: [string, Record<string, unknown>, RegExp][] = [
      ['request_id missing', { request_id: undefined }, /request_id is required/],
      ['request_id over 20', { request_id: 'R'.repeat(21) }, /request_id must be at most 20/],
      ['request_id not a string', { request_id: 12345 }, /request_id must be a string/],
      ['product_name missing', { product_name: '' }, /product_name is required/],
      ['product_name over 30', { product_name: 'p'.repeat(31) }, /product_name must be at most 30/],
      ['description missing', { description: null }, /description is required/],
      ['description over 50', { description: 'd'.repeat(51) }, /description must be at most 50/],
      ['target_amount a number', { target_amount: 100 }, /target_amount must be a string/],
      ['target_amount negative', { target_amount: '-1.00' }, /target_amount/],
      ['target_amount zero', { target_amount: '0.00' }, /target_amount/],
      ['target_amount not decimal', { target_amount: '12,50' }, /target_amount/],
      ['target_amount missing', { target_amount: undefined }, /target_amount is required/],
      ['target_currency missing', { target_currency: undefined }, /target_currency is required/],
      ['target_currency lower case', { target_currency: 'usd' }, /target_currency is malformed/],
      ['transaction_type wrong', { transaction_type: 'PAY_OUT' }, /transaction_type must be one of PAY_IN/],
      [
        'success_url not http',
        { success_url: 'ftp://merchant.example/s' },
        /success_url must be a valid http/,
      ],
      ['fail_url not a URL', { fail_url: 'merchant.example/f' }, /fail_url must be a valid http/],
      [
        'fail_url over 255',
        { fail_url: `https://m.example/${'f'.repeat(250)}` },
        /fail_url must be at most 255/,
      ],
      ['notify_url javascript:', { notify_url: 'javascript:alert(1)' }, /notify_url must be a valid http/],
      ['api_version V3', { api_version: 'V3' }, /api_version must be V1 or V2/],
      ['pay_access_type 3', { pay_access_type: 3 }, /pay_access_type must be 1/],
      ['pay_access_type a string', { pay_access_type: '1' }, /pay_access_type must be an integer/],
      ['expired_time a string', { expired_time: 'soon' }, /expired_time must be an integer/],
      ['channel_extra not an object', { channel_extra: 'x' }, /channel_extra must be an object/],
    ];
    for (const [name, over, msg] of invalid) {
      it(`refuses ${name} with code 11, HTTP ${paramStatus}, and creates nothing`, async () => {
        const body = payinBody(over);
        const r = await c.call(PATH.createPayin, body);
        expect(r.status).to.equal(paramStatus);
        expect(r.json.code).to.equal(11);
        expect(r.json.msg).to.match(msg);
        expect(r.json.data).to.equal(null);
        if (typeof body.request_id === 'string' && body.request_id.length <= 20) {
          const q = await query({ request_id: body.request_id });
          expect(q.json.code).to.equal(1202);
        }
      });
    }

    it('refuses a duplicate request_id with 1201 and keeps the first order', async () => {
      const first = await createPayin(c, { target_amount: '10.00', product_name: 'first' });
      const again = await c.call(
        PATH.createPayin,
        payinBody({ request_id: first.body.request_id, target_amount: '20.00', product_name: 'second' }),
      );
      expect(again.json.code).to.equal(1201);
      const q = await query({ request_id: first.body.request_id });
      expect(order(q.json)).to.include({
        pay_order_id: first.data.pay_order_id,
        target_amount: '10.00',
        product_name: 'first',
      });
    });

    it('finds an order by request_id, pay_order_id or both, with the documented fields', async () => {
      const { body, data } = await createPayin(c, { target_amount: '1234.5600' });
      for (const ids of [
        { request_id: body.request_id },
        { pay_order_id: data.pay_order_id },
        { request_id: body.request_id, pay_order_id: data.pay_order_id },
      ]) {
        const q = await query(ids);
        expect(q.status).to.equal(200);
        expect(q.json.code).to.equal(0);
        const o = order(q.json);
        expect(o).to.include({
          pay_order_id: data.pay_order_id,
          request_id: body.request_id,
          target_amount: '1234.5600',
          target_currency: 'USD',
          order_status: pending,
          product_name: body.product_name,
          description: body.description,
        });
        expect(String(o.created_at)).to.match(/^\d{13}$/);
      }
    });

    it('shapes data as the order (a) or as records[] (b)', async () => {
      const { body } = await createPayin(c);
      const q = await query({ request_id: body.request_id, page: 1, page_size: 20 });
      if (variant === 'a') expect(q.json.data.request_id).to.equal(body.request_id);
      else expect(q.json.data).to.include({ total: 1, page: 1, page_size: 20 });
    });

    it('accepts numbers as strings (docs) and as integers (demo)', async () => {
      const { body } = await createPayin(c);
      const now = Date.now();
      const asStrings = {
        page: '1',
        page_size: '20',
        start_time: String(now - DAY),
        end_time: String(now + DAY),
      };
      const asInts = { page: 1, page_size: 20, start_time: now - DAY, end_time: now + DAY };
      for (const times of [asStrings, asInts]) {
        const q = await query({ ...times, request_id: body.request_id, pay_order_id: '' });
        expect(q.json.code).to.equal(0);
      }
    });

    it('refuses neither id with the documented message, whatever the times', async () => {
      for (const b of [{}, { request_id: '', pay_order_id: null }, { start_time: 2, end_time: 1 }]) {
        const q = await query(b);
        expect(q.status).to.equal(paramStatus);
        expect(q.json.code).to.equal(11);
        expect(q.json.msg).to.equal('mchOrderNo and payOrderId cannot be empty at the same time');
      }
    });

    it('refuses a bad window with "Request time error"; exactly 7 days is accepted', async () => {
      const { body } = await createPayin(c);
      const now = Date.now();
      for (const [start, end] of [
        [now, now],
        [now + 1, now],
        [now - 7 * DAY - 1, now],
        [String(now - 8 * DAY), String(now)],
      ]) {
        const q = await query({ request_id: body.request_id, start_time: start, end_time: end });
        expect(q.status).to.equal(paramStatus);
        expect(q.json.code).to.equal(11);
        expect(q.json.msg).to.equal('Request time error');
      }
      const exact = await query({
        request_id: body.request_id,
        start_time: now - 7 * DAY + 1000,
        end_time: now + 1000,
      });
      expect(exact.json.code).to.equal(0);
    });

    it('answers 1202 "Order does not exist" for an unknown order or one outside the window', async () => {
      const { body, data } = await createPayin(c);
      const now = Date.now();
      for (const b of [
        { request_id: rid('NOPE') },
        { pay_order_id: 'P0000000000000000000' },
        { request_id: body.request_id, pay_order_id: 'P0000000000000000000' },
        { pay_order_id: data.pay_order_id, start_time: now - 3 * DAY, end_time: now - 2 * DAY },
      ]) {
        const q = await query(b);
        expect(q.status).to.equal(200);
        expect(q.json.code).to.equal(1202);
        expect(q.json.msg).to.equal('Order does not exist');
      }
    });

    it('refuses query fields of the wrong type with code 11', async () => {
      for (const b of [
        { request_id: 5 },
        { request_id: 'x', page: 'one' },
        { request_id: 'x', page_size: 1001 },
        { request_id: 'x', start_time: 1.5, end_time: 2 },
      ]) {
        const q = await query(b);
        expect(q.json.code, JSON.stringify(b)).to.equal(11);
      }
    });
  });
}
