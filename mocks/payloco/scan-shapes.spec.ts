import { expect } from 'chai';
import request from 'supertest';
import { paths, post, qrPayBody, queryBody } from '../../test/kits/payloco-mock.js';
import { type RunningMock, startPaylocoMock } from './index.js';
import { nonceOf } from './scan-shapes.js';
import type { Order } from './types.js';

// Variants c, d and e: the same API behind wallet pages of other shapes. Each pays only when answered as it asks
// (nonce, test card, JSON from its script) and leaves the order PENDING otherwise.

async function qrOrder(mock: RunningMock) {
  const body = qrPayBody(mock);
  const res = await post(mock, paths.pay, body);
  const data = res.body.data as { qrCode: string; orderId: string };
  const status = async () =>
    (await post(mock, paths.query, queryBody(mock, { merchantOrderId: body.merchantOrderId }))).body.data
      .status;
  return { ...data, status };
}

describe('payloco mock: wallet page shapes', () => {
  const open: RunningMock[] = [];
  afterEach(() => Promise.all(open.splice(0).map((m) => m.close())));
  const start = async (variant: 'c' | 'd' | 'e') => {
    const mock = await startPaylocoMock({ variant });
    open.push(mock);
    return mock;
  };

  it('c: a German select with a nonce, posted to a path relative to the page; a wrong nonce is refused', async () => {
    const mock = await start('c');
    const o = await qrOrder(mock);
    const page = await request(o.qrCode).get('');
    expect(page.text).to.include('name="ergebnis"').and.include('Zahlung erfolgreich');
    expect(page.text).to.include(`action="${o.orderId}/senden"`);
    const send = (form: Record<string, string>) =>
      request(`${o.qrCode}/senden`).post('').type('form').send(form);
    expect((await send({ nonce: 'x', ergebnis: '00' })).status).to.equal(403);
    expect(await o.status()).to.equal('PENDING');
    expect((await send({ nonce: nonceOf({ orderId: o.orderId } as Order), ergebnis: '00' })).status).to.equal(
      200,
    );
    expect(await o.status()).to.equal('SUCCESS');
  });

  it('d: French radios and the documented test card; another card is refused', async () => {
    const mock = await start('d');
    const o = await qrOrder(mock);
    const page = await request(o.qrCode).get('');
    expect(page.text).to.include('Carte de test : 4000 0025 0000 3155').and.include('name="issue"');
    const send = (form: Record<string, string>) => request(o.qrCode).post('').type('form').send(form);
    const card = { carte: '4000 0025 0000 3155', expiration: '11/29', crypto: '737' };
    expect((await send({ ...card, carte: '4111111111111111', issue: '1' })).status).to.equal(422);
    expect(await o.status()).to.equal('PENDING');
    expect((await send({ ...card, issue: '0' })).status).to.equal(200);
    expect(await o.status()).to.equal('FAILED');
  });

  it('e: no form; the script posts JSON to decision', async () => {
    const mock = await start('e');
    const o = await qrOrder(mock);
    const page = await request(o.qrCode).get('');
    expect(page.text).not.to.include('<form');
    expect(page.text).to.include('<script>');
    const res = await request(`${o.qrCode}/decision`).post('').send({ approve: true });
    expect(res.body).to.deep.equal({ status: 'SUCCESS' });
    expect(await o.status()).to.equal('SUCCESS');
  });
});
