import { expect } from 'chai';
import {
  batchBody,
  Client,
  detail,
  PATH,
  rid,
  singlePayoutBody,
  sleep,
} from '../../test/kits/lesspay-mock.js';
import { type RunningMock, startLesspayMock } from './index.js';

for (const variant of ['a', 'b'] as const) {
  describe(`lesspay mock: payouts (variant ${variant})`, () => {
    let mock: RunningMock;
    let c: Client;
    before(async () => {
      mock = await startLesspayMock({ variant });
      c = new Client(mock);
    });
    after(() => mock.close());

    const paramStatus = variant === 'a' ? 400 : 200;
    const status = (name: string, int: number) => (variant === 'a' ? name : int);

    it('creates a batch in PENDING_CONFIRM and finds it by either id', async () => {
      const body = batchBody(['1500.00', '2500.00']);
      const r = await c.call(PATH.batchPayout, body);
      expect(r.status).to.equal(200);
      expect(r.json.code).to.equal(0);
      expect(r.json.data).to.include({
        request_id: body.request_id,
        order_status: status('PENDING_CONFIRM', 0),
      });
      for (const ids of [{ request_id: body.request_id }, { pay_order_id: r.json.data.pay_order_id }]) {
        const q = await c.call(PATH.queryPayout, ids);
        expect(q.json.code).to.equal(0);
        expect(q.json.data).to.include({
          pay_order_id: r.json.data.pay_order_id,
          request_id: body.request_id,
          order_status: status('PENDING_CONFIRM', 0),
          currency: 'PHP',
          total_amount: '4000.00',
          fail_reason: null,
        });
        expect(q.json.data.created_at).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
        expect(q.json.data.details).to.have.length(2);
        expect(q.json.data.details[0]).to.include({
          amount: '1500.00',
          status: 'CREATED',
          audit_state: 'PENDING',
        });
        expect(q.json.data.details[0].bank_account_no).to.equal('1234****7890');
      }
    });

    it('creates a single payout (beneficiary) in PENDING_CONFIRM with one detail', async () => {
      const body = singlePayoutBody({ amount: '5000.00' });
      const r = await c.call(PATH.createPayout, body);
      expect(r.json.code).to.equal(0);
      expect(r.json.data.order_status).to.equal(status('PENDING_CONFIRM', 0));
      const q = await c.call(PATH.queryPayout, { request_id: body.request_id });
      expect(q.json.data.total_amount).to.equal('5000.00');
      expect(q.json.data.details[0]).to.include({
        mch_order_id: body.request_id,
        amount: '5000.00',
        destination_type: 'bank',
      });
    });

    it('accepts single payouts to a crypto wallet and an e-wallet', async () => {
      const base = singlePayoutBody().beneficiary as Record<string, unknown>;
      for (const destination of [
        { type: 'crypto_wallet', crypto_wallet: { wallet_address: 'TXYZ1234567890', network: 'TRC20' } },
        { type: 'ewallet', e_wallet: { ewallet_provider: 'GCash', account_number: '09171234501' } },
      ]) {
        const r = await c.call(
          PATH.createPayout,
          singlePayoutBody({ currency: 'USDT', beneficiary: { ...base, destination } }),
        );
        expect(r.json.code, JSON.stringify(r.json)).to.equal(0);
      }
    });

    it('refuses a duplicate request_id with 30011', async () => {
      const body = batchBody(['5000.00']);
      expect((await c.call(PATH.batchPayout, body)).json.code).to.equal(0);
      expect((await c.call(PATH.batchPayout, { ...body })).json.code).to.equal(30011);
      const single = singlePayoutBody({ amount: '5000.00' });
      expect((await c.call(PATH.createPayout, single)).json.code).to.equal(0);
      expect((await c.call(PATH.createPayout, single)).json.code).to.equal(30011);
    });

    it('checks the batch sum exactly (30002) and unique mch_order_id (30007), creating nothing', async () => {
      const ok = batchBody(['0.10', '0.20'], { total_amount: '0.30' });
      expect((await c.call(PATH.batchPayout, ok)).json.code).to.equal(0);
      const bad = batchBody(['0.10', '0.20'], { total_amount: '0.31' });
      const r = await c.call(PATH.batchPayout, bad);
      expect(r.status).to.equal(paramStatus);
      expect(r.json.code).to.equal(30002);
      const d = detail({ mch_order_id: 'SAME' });
      const dup = batchBody([], { total_amount: '200.00', payout_order_details: [d, { ...d }] });
      const r2 = await c.call(PATH.batchPayout, dup);
      expect(r2.json.code).to.equal(30007);
      for (const b of [bad, dup])
        expect((await c.call(PATH.queryPayout, { request_id: b.request_id })).json.code).to.equal(30020);
    });

    const invalidBatch: [string, Record<string, unknown>, number][] = [
      ['request_id over 64', { request_id: 'B'.repeat(65) }, 30000],
      ['currency missing', { currency: undefined }, 30000],
      ['currency unsupported', { currency: 'EUR' }, 30001],
      ['total_amount a number', { total_amount: 100 }, 30009],
      ['total_amount not decimal', { total_amount: '1,00' }, 30009],
      ['way_code missing', { way_code: '' }, 30000],
      ['notify_url missing', { notify_url: undefined }, 30000],
      ['notify_url not http', { notify_url: 'ftp://x.example/n' }, 30000],
      ['details empty', { payout_order_details: [] }, 30000],
      ['details not an array', { payout_order_details: {} }, 30000],
      ['detail amount bad', { payout_order_details: [detail({ amount: '-5' })] }, 30009],
      ['detail account type bad', { payout_order_details: [detail({ bank_account_type: 'alien' })] }, 30004],
      ['detail country bad', { payout_order_details: [detail({ bank_country_code: 'PHL' })] }, 30005],
      ['detail account no bad', { payout_order_details: [detail({ bank_account_no: '12' })] }, 30006],
      [
        'detail destination not bank',
        { payout_order_details: [detail({ destination_type: 'crypto_wallet' })] },
        30000,
      ],
      ['detail bank_name missing', { payout_order_details: [detail({ bank_name: undefined })] }, 30000],
    ];
    for (const [name, over, code] of invalidBatch) {
      it(`refuses a batch with ${name} (${code}, HTTP ${paramStatus})`, async () => {
        const body = { ...batchBody(['100.00']), ...over };
        const r = await c.call(PATH.batchPayout, body);
        expect(r.status).to.equal(paramStatus);
        expect(r.json.code).to.equal(code);
        expect(r.json.msg).to.be.a('string').and.not.equal('');
      });
    }

    it('accepts destination_type at the top level of a batch (demo form)', async () => {
      const body = batchBody(['100.00'], { destination_type: 'bank' });
      delete (body.payout_order_details as Record<string, unknown>[])[0].destination_type;
      expect((await c.call(PATH.batchPayout, body)).json.code).to.equal(0);
    });

    it('accepts an e-wallet batch (demo PayoutBatchExample) and refuses an e-wallet detail without e_wallet', async () => {
      const wallet = {
        account_name: 'Juan Dela Cruz',
        account_type: 'individual',
        account_number: '09171234501',
        provider: 'GCash',
        deposit_key_type: 'phone',
        deposit_key: '09171234501',
      };
      const body = batchBody(['100.00'], { destination_type: 'ewallet', way_type: 'WALLET_TRANSFER' });
      body.payout_order_details = [{ mch_order_id: rid('D'), amount: '100.00', e_wallet: wallet }];
      const r = await c.call(PATH.batchPayout, body);
      expect(r.json.code).to.equal(0);
      const q = await c.call(PATH.queryPayout, { request_id: body.request_id });
      expect(q.json.data.details[0]).to.include({ destination_type: 'ewallet', bank_name: 'GCash' });
      const bare = batchBody(['100.00'], { destination_type: 'ewallet' });
      bare.payout_order_details = [{ mch_order_id: rid('D'), amount: '100.00' }];
      expect((await c.call(PATH.batchPayout, bare)).json.code).to.equal(30000);
    });

    const invalidSingle: [string, (b: any) => void, number][] = [
      ['amount missing', (b) => delete b.amount, 30000],
      ['amount a number', (b) => (b.amount = 5), 30009],
      ['beneficiary missing', (b) => delete b.beneficiary, 30000],
      ['beneficiary_type bad', (b) => (b.beneficiary.beneficiary_type = 'robot'), 30004],
      ['name missing', (b) => delete b.beneficiary.beneficiary_info.name, 30000],
      ['destination type bad', (b) => (b.beneficiary.destination.type = 'cash'), 30000],
      ['bank account missing', (b) => delete b.beneficiary.destination.bank.account_number, 30000],
      ['bank country bad', (b) => (b.beneficiary.destination.bank.country = 'Philippines'), 30005],
      ['currency unsupported', (b) => (b.currency = 'EUR'), 30001],
    ];
    for (const [name, edit, code] of invalidSingle) {
      it(`refuses a single payout with ${name} (${code})`, async () => {
        const body = structuredClone(singlePayoutBody());
        edit(body);
        const r = await c.call(PATH.createPayout, body);
        expect(r.json.code).to.equal(code);
        expect(r.status).to.equal(paramStatus);
      });
    }

    it('accepts first_name + last_name instead of name', async () => {
      const body: any = structuredClone(singlePayoutBody());
      delete body.beneficiary.beneficiary_info.name;
      Object.assign(body.beneficiary.beneficiary_info, { first_name: 'Juan', last_name: 'Cruz' });
      expect((await c.call(PATH.createPayout, body)).json.code).to.equal(0);
    });

    it('payout query: neither id 30000, unknown 30020', async () => {
      const none = await c.call(PATH.queryPayout, {});
      expect(none.status).to.equal(paramStatus);
      expect(none.json.code).to.equal(30000);
      const unknown = await c.call(PATH.queryPayout, { request_id: rid('NOPE') });
      expect(unknown.status).to.equal(200);
      expect(unknown.json.code).to.equal(30020);
    });

    it('runs the operations review: ≤ 1000 succeeds, 13.13 fails, 66.66 is rejected, > 1000 waits', async () => {
      const ok = batchBody(['10.00', '1000.00']);
      const partial = batchBody(['10.00', '13.13']);
      const failed = batchBody(['13.13']);
      const rejected = batchBody(['66.66', '5.00']);
      const waits = batchBody(['1000.01']);
      for (const b of [ok, partial, failed, rejected, waits])
        expect((await c.call(PATH.batchPayout, b)).json.code).to.equal(0);
      await sleep(200);
      const q = async (b: Record<string, unknown>) =>
        (await c.call(PATH.queryPayout, { request_id: b.request_id })).json.data;
      const okData = await q(ok);
      expect(okData.order_status).to.equal(status('SUCCEED', 2));
      expect(okData.details.map((d: any) => d.status)).to.deep.equal(['SUCCEED', 'SUCCEED']);
      expect(okData.details[0]).to.include({ audit_state: 'APPROVED', actual_amount: '10.00' });
      expect(okData.details[0].success_time).to.be.a('string');
      const partialData = await q(partial);
      expect(partialData.order_status).to.equal(status('PARTIAL_SUCCESS', 11));
      expect(partialData.details[1]).to.include({ status: 'FAILED' });
      expect(partialData.details[1].fail_reason).to.match(/13\.13/);
      expect((await q(failed)).order_status).to.equal(status('FAILED', 3));
      const rej = await q(rejected);
      expect(rej.order_status).to.equal(status('FAILED', 3));
      expect(rej.fail_reason).to.match(/Review Rejected/);
      expect(rej.details[0].audit_state).to.equal('REJECTED');
      expect((await q(waits)).order_status).to.equal(status('PENDING_CONFIRM', 0));
    });

    it('lists banks and reports the balance', async () => {
      const banks = await c.call(PATH.banks, {
        bank_country_code: 'PH',
        currency: 'PHP',
        way_code: 'TAZAPAY_PAYOUT',
      });
      expect(banks.json.code).to.equal(0);
      expect(banks.json.data.banks).to.be.an('array').that.is.not.empty;
      expect(
        (await c.call(PATH.banks, { bank_country_code: 'Philippines', currency: 'PHP' })).json.code,
      ).to.equal(30005);
      expect((await c.call(PATH.banks, { bank_country_code: 'PH' })).json.code).to.equal(30000);
      const before = await c.call(PATH.balance, { currency: 'IDR', way_code: 'AWEPAY_PAYOUT' });
      expect(before.json.data).to.include({
        currency: 'IDR',
        available_balance: '1000000.00',
        frozen_balance: '0.00',
      });
      await c.call(PATH.batchPayout, batchBody(['2000.00'], { currency: 'IDR' }));
      const after = await c.call(PATH.balance, { currency: 'IDR' });
      expect(after.json.data).to.include({ available_balance: '998000.00', frozen_balance: '2000.00' });
      const twelve = await c.call(PATH.balance, { currency: 'THB', way_code: 'TWELVEPAY_PAYOUT' });
      expect(twelve.json.code).to.equal(9999);
      expect((await c.call(PATH.balance, {})).json.code).to.equal(30000);
    });

    it('triggerNotify answers the callback body; unknown 30020; neither id 30000', async () => {
      const body = batchBody(['3000.00'], { notify_url: 'http://127.0.0.1:9/never' });
      await c.call(PATH.batchPayout, body);
      const t = await c.call(PATH.triggerNotify, { request_id: body.request_id });
      expect(t.json.code).to.equal(0);
      expect(t.json.data).to.include({
        request_id: body.request_id,
        order_status: 'PENDING_CONFIRM',
        total_amount: '3000.00',
      });
      expect((await c.call(PATH.triggerNotify, { pay_order_id: 'PO0' })).json.code).to.equal(30020);
      expect((await c.call(PATH.triggerNotify, {})).json.code).to.equal(30000);
    });
  });
}
