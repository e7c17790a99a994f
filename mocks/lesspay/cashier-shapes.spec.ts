import { expect } from 'chai';
import request from 'supertest';
import { createPayin, PATH, withMock } from '../../test/kits/lesspay-mock.js';
import { formToken, SESSION_COOKIE } from './cashier-shapes.js';

// Variants c, d and e: the same API behind cashier pages of other shapes. Each page pays only when answered the way
// it asks (token, session cookie and test card, JSON from its script) and leaves the order pending otherwise.

async function status(c: Parameters<Parameters<typeof withMock>[1]>[0], requestId: string) {
  const now = Date.now();
  const res = await c.call(PATH.queryPayin, {
    request_id: requestId,
    page: '1',
    page_size: '20',
    start_time: String(now - 86_400_000),
    end_time: String(now + 60_000),
  });
  const data = res.json?.data;
  // Variant b's API (used by d) wraps the order in records[].
  return (Array.isArray(data?.records) ? data.records[0] : data)?.order_status;
}

describe('lesspay mock: cashier page shapes', () => {
  it('c: a select with a hidden token among three forms; a wrong token is refused', async () => {
    await withMock({ variant: 'c' }, async (c) => {
      const { body, data } = await createPayin(c);
      const page = await request(data.checkout_url).get('');
      expect(page.text).to.include('name="sim_result"').and.include('支付成功').and.include('name="lang"');
      expect(page.text.match(/<form/g)).to.have.length(3);
      const post = (form: Record<string, string>) =>
        request(c.mock.url)
          .post(`/checkout/${data.pay_order_id}/simulate`)
          .type('form')
          .send(form)
          .redirects(0);
      expect((await post({ token: 'stale', sim_result: '1' })).status).to.equal(403);
      expect(
        (await post({ token: formToken({ payOrderId: data.pay_order_id } as never), sim_result: '' })).status,
      ).to.equal(400);
      expect(await status(c, body.request_id as string)).to.equal('PENDING_PAY');
      const ok = await post({
        token: formToken({ payOrderId: data.pay_order_id } as never),
        sim_result: '1',
      });
      expect(ok.status).to.equal(303);
      expect(await status(c, body.request_id as string)).to.equal('SUCCEED');
    });
  });

  it('d: radios and the documented test card, with the session cookie of the page', async () => {
    await withMock({ variant: 'd' }, async (c) => {
      const { body, data } = await createPayin(c);
      const page = await request(data.checkout_url).get('');
      const cookie = page.headers['set-cookie']?.[0]?.split(';')[0];
      expect(cookie).to.equal(`${SESSION_COOKIE}=${data.pay_order_id}`);
      expect(page.text).to.include('Tarjeta de prueba: 4111 1111 1111 1111').and.include('name="accion"');
      const post = (form: Record<string, string>, withCookie = true) => {
        const r = request(data.checkout_url).post('').type('form');
        return (withCookie ? r.set('cookie', cookie!) : r).send(form).redirects(0);
      };
      const card = { numero_tarjeta: '4111 1111 1111 1111', vencimiento: '12/30', cvv: '123' };
      expect((await post({ ...card, accion: 'A' }, false)).status).to.equal(403);
      expect((await post({ ...card, numero_tarjeta: '4242424242424242', accion: 'A' })).status).to.equal(422);
      expect(await status(c, body.request_id as string)).to.equal(1);
      expect((await post({ ...card, accion: 'R' })).status).to.equal(303);
      expect(await status(c, body.request_id as string)).to.equal(3);
    });
  });

  it('e: no form at all; the script posts JSON to confirm', async () => {
    await withMock({ variant: 'e' }, async (c) => {
      const { body, data } = await createPayin(c);
      const page = await request(data.checkout_url).get('');
      expect(page.text).not.to.include('<form');
      expect(page.text).to.include('<script>');
      const confirm = request(c.mock.url).post(`/checkout/${data.pay_order_id}/confirm`);
      const res = await confirm.set('content-type', 'application/json').send({ result: 'SUCCEED' });
      expect(res.body).to.deep.equal({ status: 'SUCCEED' });
      expect(await status(c, body.request_id as string)).to.equal('SUCCEED');
    });
  });

  it('payouts that never settle, callbacks only when asked for, and no triggerNotify are sandbox options', async () => {
    await withMock({ triggerNotify: false }, async (c) => {
      expect((await c.call(PATH.triggerNotify, { request_id: 'R1' })).status).to.equal(404);
    });
  });
});
