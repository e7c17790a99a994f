import { expect } from 'chai';
import {
  batchBody,
  createPayin,
  PATH,
  type Receiver,
  singlePayoutBody,
  sleep,
  startReceiver,
  webhookSignatureValid,
  withMock,
} from '../../test/kits/lesspay-mock.js';

// Sandbox policies `paycert audit --scenario` starts the mock with: an order that is paid by itself while the client
// polls (pending-then-success), and an operations review that rejects every payout (payout-rejected). Both default off.

async function payinStatus(c: Parameters<Parameters<typeof withMock>[1]>[0], requestId: unknown) {
  const res = await c.call(PATH.queryPayin, { request_id: requestId });
  const data = res.json?.data;
  return (Array.isArray(data?.records) ? data.records[0] : data)?.order_status;
}

describe('lesspay mock: sandbox policies autoPayAfterMs and rejectPayouts', () => {
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  for (const [variant, pending, paid] of [
    ['a', 'PENDING_PAY', 'SUCCEED'],
    ['b', 1, 2],
  ] as const)
    it(`autoPayAfterMs: a new pay-in reads pending, then succeeds by itself and the callback is sent (variant ${variant})`, async () => {
      receiver = await startReceiver();
      await withMock({ variant, autoPayAfterMs: 1500 }, async (c) => {
        const { body, res } = await createPayin(c, { notify_url: receiver!.url });
        expect(res.json.code).to.equal(0);
        expect(await payinStatus(c, body.request_id)).to.equal(pending);
        const [d] = await receiver!.waitFor(1);
        expect(d!.json).to.include({ request_id: body.request_id, order_status: 'SUCCEED' });
        expect(webhookSignatureValid(d!, c.mock.credentials.appSecret, 'payin')).to.equal(true);
        expect(await payinStatus(c, body.request_id)).to.equal(paid);
      });
    });

  it('without autoPayAfterMs a pay-in stays pending until the cashier is used', async () => {
    await withMock({}, async (c) => {
      const { body } = await createPayin(c);
      await sleep(200);
      expect(await payinStatus(c, body.request_id)).to.equal('PENDING_PAY');
    });
  });

  it('rejects an invalid autoPayAfterMs when the mock starts', async () => {
    let error: Error | undefined;
    await withMock({ autoPayAfterMs: -1 }, async () => undefined).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/autoPayAfterMs must be a number of ms/);
  });

  for (const variant of ['a', 'b'] as const)
    it(`rejectPayouts: every payout, single or batch and whatever its amount, ends FAILED / REJECTED (variant ${variant})`, async () => {
      receiver = await startReceiver();
      await withMock({ variant, rejectPayouts: true }, async (c) => {
        const single = singlePayoutBody({ notify_url: receiver!.url });
        const batch = batchBody(['10.00', '5000.00']);
        expect((await c.call(PATH.createPayout, single)).json.code).to.equal(0);
        expect((await c.call(PATH.batchPayout, batch)).json.code).to.equal(0);
        const [d] = await receiver!.waitFor(1);
        expect(d!.json).to.include({ request_id: single.request_id });
        expect(webhookSignatureValid(d!, c.mock.credentials.appSecret, 'payout')).to.equal(true);
        await sleep(100);
        for (const b of [single, batch]) {
          const data = (await c.call(PATH.queryPayout, { request_id: b.request_id })).json.data;
          expect(data.order_status).to.equal(variant === 'a' ? 'FAILED' : 3);
          expect(data.fail_reason).to.match(/Review Rejected/);
          for (const detail of data.details)
            expect(detail).to.include({ audit_state: 'REJECTED', status: 'FAILED' });
        }
      });
    });

  it('without rejectPayouts a small payout is approved and succeeds', async () => {
    await withMock({}, async (c) => {
      const single = singlePayoutBody();
      await c.call(PATH.createPayout, single);
      await sleep(200);
      const data = (await c.call(PATH.queryPayout, { request_id: single.request_id })).json.data;
      expect(data.order_status).to.equal('SUCCEED');
    });
  });
});

describe("lesspay mock: sandbox policy payoutReview 'manual' and its admin approve endpoint", () => {
  const approve = (c: Parameters<Parameters<typeof withMock>[1]>[0], body: unknown) =>
    fetch(`${c.mock.url}/_sandbox/payout/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  for (const variant of ['a', 'b'] as const)
    it(`a payout waits in PENDING_CONFIRM until approved, then settles and calls back (variant ${variant})`, async () => {
      const receiver = await startReceiver();
      try {
        await withMock({ variant, payoutReview: 'manual' }, async (c) => {
          const single = singlePayoutBody({ notify_url: receiver.url });
          expect((await c.call(PATH.createPayout, single)).json.code).to.equal(0);
          await sleep(200);
          const status = async () =>
            (await c.call(PATH.queryPayout, { request_id: single.request_id })).json.data.order_status;
          expect(await status()).to.equal(variant === 'a' ? 'PENDING_CONFIRM' : 0);
          const res = await approve(c, { request_id: single.request_id });
          expect(res.status).to.equal(200);
          expect(await res.json()).to.deep.include({ code: 0, msg: 'approved' });
          const [d] = await receiver.waitFor(1);
          expect(d!.json).to.include({ request_id: single.request_id });
          expect(webhookSignatureValid(d!, c.mock.credentials.appSecret, 'payout')).to.equal(true);
          expect(await status()).to.equal(variant === 'a' ? 'SUCCEED' : 2);
          // Approving twice: the payout no longer waits.
          expect((await approve(c, { request_id: single.request_id })).status).to.equal(409);
        });
      } finally {
        await receiver.close();
      }
    });

  it('answers 404 for an unknown payout and 400 without an id', async () => {
    await withMock({ payoutReview: 'manual' }, async (c) => {
      expect((await approve(c, { request_id: 'nope' })).status).to.equal(404);
      expect((await approve(c, {})).status).to.equal(400);
    });
  });

  it('the admin endpoint does not exist without the policy', async () => {
    await withMock({}, async (c) => {
      expect((await approve(c, { request_id: 'x' })).status).to.equal(404);
    });
  });
});
