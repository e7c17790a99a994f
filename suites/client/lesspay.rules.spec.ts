import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { ClientRequest } from '../../src/index.js';
import { lesspaySign } from '../../src/index.js';
import { rules } from './lesspay.rules.js';
import { madeUp } from './made-up.js';

// The open choices of L3 and L6 that a second conformant client takes (examples/merchant-client-alt/): each reading
// passes, and the check still fails what no reading allows.

const SECRET = 'alt-secret';
const creds = { appId: 'app', appSecret: SECRET };
const rule = (id: string) => rules.find((r) => r.id === id)!;

function request(path: string, body: Record<string, unknown>, signature: string): ClientRequest {
  return madeUp(path, body, {
    text: JSON.stringify(body, null, '\t'),
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-auth-signature': signature },
  });
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').toUpperCase();

describe('client checks · Lesspay readings a conformant client may take', () => {
  const batch = {
    request_id: 'B-1',
    currency: 'PHP',
    total_amount: '1',
    way_type: 'BANK_TRANSFER',
    way_code: 'TAZAPAY_PAYOUT',
    notify_url: 'https://shop.example/n',
    payout_order_details: [
      {
        mch_order_id: 'D1',
        amount: '1',
        bank_account_name: 'José',
        bank_account_no: '1234567890',
        bank_account_type: 'individual',
        bank_name: 'BPI',
        bank_country_code: 'PH',
        bank_swift_code: null,
      },
    ],
  };
  const path = '/api/global/payout/batch/create-order';
  const rest = (array: string) =>
    `currency=PHP&notify_url=https://shop.example/n&payout_order_details=${array}&request_id=B-1&total_amount=1&way_code=TAZAPAY_PAYOUT&way_type=BANK_TRANSFER&key=${SECRET}`;
  const asSent = JSON.stringify(batch.payout_order_details);
  const demo = asSent.replace(',"bank_swift_code":null', '');

  it('LPC-SIG-001: an empty member inside an array may be signed as written or left out (the demo)', () => {
    expect(asSent).not.to.equal(demo);
    for (const array of [asSent, demo]) {
      const v = rule('LPC-SIG-001').judge([request(path, batch, sha(rest(array)))], creds);
      expect(v.findings, array).to.deep.equal([]);
    }
    expect(lesspaySign(batch, SECRET)).to.equal(sha(rest(demo)));
  });

  it('LPC-SIG-001: still fails a signature no reading gives (members re-sorted, another secret)', () => {
    const sorted = JSON.stringify(
      batch.payout_order_details.map((d) => Object.fromEntries(Object.entries(d).sort())),
    );
    for (const sig of [sha(rest(sorted)), sha(rest(asSent).replace(SECRET, 'other'))]) {
      const v = rule('LPC-SIG-001').judge([request(path, batch, sig)], creds);
      expect(v.findings).to.have.length(1);
    }
  });

  it('LPC-SCH-001: null and "" optional members read as absent (L3 drops them), at any depth', () => {
    const order = {
      request_id: 'R1',
      product_name: 'Café',
      description: '订单',
      target_amount: '0.01',
      target_currency: 'USD',
      transaction_type: 'PAY_IN',
      success_url: 'https://shop.example/ok',
      fail_url: 'https://shop.example/ko',
      api_version: 'V1',
      pay_access_type: 1,
      notify_url: null,
      way_code: '',
      expired_time: null,
    };
    const create = '/api/global/v1/pay/create-order';
    expect(rule('LPC-SCH-001').judge([request(create, order, '')], creds).findings).to.deep.equal([]);
    expect(rule('LPC-SCH-001').judge([request(path, batch, '')], creds).findings).to.deep.equal([]);
  });

  it('LPC-SCH-001: an empty required member is still a finding (a missing one)', () => {
    const v = rule('LPC-SCH-001').judge(
      [request('/api/global/payout/query', { request_id: 'S1', pay_order_id: '' }, '')],
      creds,
    );
    expect(v.findings).to.deep.equal([]);
    const bad = rule('LPC-SCH-001').judge([request(path, { ...batch, total_amount: '' }, '')], creds);
    expect(bad.findings).to.have.length(1);
    expect(bad.findings[0]!.message).to.match(/total_amount/);
  });
});

describe('client checks · Lesspay endpoints documented by the vendor demo only', () => {
  it('LPC-TRN-001: triggerNotify (demo, lesspay.md §4.8) is a documented endpoint; an unknown path is not', () => {
    const call = (path: string) => request(path, { request_id: 'S1' }, '');
    const v = rule('LPC-TRN-001').judge([call('/api/global/payout/triggerNotify')], creds);
    expect(v.findings).to.deep.equal([]);
    expect(rule('LPC-TRN-001').judge([call('/api/global/payout/notify')], creds).findings).to.have.length(1);
  });

  it('LPC-SCH-001: a balance may be asked in a crypto payout currency (USDT, as the demo pays out)', () => {
    const v = rule('LPC-SCH-001').judge(
      [request('/api/global/payout/balance', { currency: 'USDT' }, '')],
      creds,
    );
    expect(v.findings).to.deep.equal([]);
  });
});

describe('client checks · a retry told from another order sent meanwhile (LPC-RTY-001/002)', () => {
  const order = (id: string, amount = '1.00') => ({
    request_id: id,
    product_name: 'Café',
    target_amount: amount,
  });
  const path = '/api/global/v1/pay/create-order';
  const at = (body: Record<string, unknown>, seq: number, ms: number, answered = false): ClientRequest => ({
    ...request(path, body, ''),
    seq,
    at: 1_000_000 + ms,
    ...(answered ? { injected: 'create-503-retry-after', status: 503, retryAfter: '1' } : {}),
  });
  const judge = (reqs: ClientRequest[]) =>
    Object.fromEntries(
      ['LPC-RTY-001', 'LPC-RTY-002'].map((id) => [id, rule(id).judge(reqs, creds).findings.length]),
    );

  it('a concurrent create of another order is not the retry; the resend 1.1 s later is, and passes', () => {
    const reqs = [at(order('A1'), 1, 0, true), at(order('B2', '2.00'), 2, 5), at(order('A1'), 3, 1100)];
    expect(judge(reqs)).to.deep.equal({ 'LPC-RTY-001': 0, 'LPC-RTY-002': 0 });
  });

  it('a resend under a new id, or too soon, still fails while another order interleaves', () => {
    const other = at(order('B2', '2.00'), 2, 5);
    const newId = [at(order('A1'), 1, 0, true), other, at(order('N9'), 3, 1100), at(order('A1'), 4, 1200)];
    expect(judge(newId)).to.deep.equal({ 'LPC-RTY-001': 1, 'LPC-RTY-002': 0 });
    const soon = [at(order('A1'), 1, 0, true), other, at(order('A1'), 3, 300)];
    expect(judge(soon)).to.deep.equal({ 'LPC-RTY-001': 0, 'LPC-RTY-002': 1 });
  });
});

describe('client checks · the L8 window (LPC-QRY-002)', () => {
  const path = '/api/global/v1/pay/query-order';
  const judge = (b: Record<string, unknown>) => rule('LPC-QRY-002').judge([request(path, b, '')], creds);
  const end = 1_765_000_000_000;

  it('a window of exactly 7 days passes, as integers or strings; 7 days and 1 ms fails', () => {
    expect(
      judge({ pay_order_id: 'P1', start_time: end - 604_800_000, end_time: end }).findings,
    ).to.deep.equal([]);
    expect(
      judge({ pay_order_id: 'P1', start_time: String(end - 604_800_000), end_time: String(end) }).findings,
    ).to.deep.equal([]);
    expect(
      judge({ pay_order_id: 'P1', start_time: end - 604_800_001, end_time: end }).findings,
    ).to.have.length(1);
  });

  it('a window open at one end (the bound absent, null or "") is not judged', () => {
    for (const open of [{}, { end_time: null }, { end_time: '' }]) {
      const v = judge({ pay_order_id: 'P1', start_time: String(end), ...open });
      expect(v.judged, JSON.stringify(open)).to.deep.equal([]);
    }
  });
});

describe('client checks · request_id per endpoint family (profile C1, LPC-ID-001)', () => {
  const ok = JSON.stringify({ code: 0, msg: 'SUCCESS', data: {} });
  const create = (path: string, seq: number, body: Record<string, unknown>) =>
    madeUp(path, body, { seq, responseText: ok });
  const PAYIN = '/api/global/v1/pay/create-order';
  const SINGLE = '/api/global/payout/create-order';
  const BATCH = '/api/global/payout/batch/create-order';

  it("a pay-in's request_id used again for a payout is allowed (separate namespaces)", () => {
    const v = rule('LPC-ID-001').judge(
      [
        create(PAYIN, 1, { request_id: 'R1', target_amount: '1.00' }),
        create(SINGLE, 2, { request_id: 'R1', amount: '2.00' }),
      ],
      creds,
    );
    expect(v.findings).to.deep.equal([]);
    expect(v.judged).to.have.length(2);
  });

  it('a request_id reused within a family still fails: two pay-ins, or a single payout then a batch', () => {
    for (const [a, b] of [
      [PAYIN, PAYIN],
      [SINGLE, BATCH],
    ] as const) {
      const v = rule('LPC-ID-001').judge(
        [
          create(a, 1, { request_id: 'R2', amount: '1.00' }),
          create(b, 2, { request_id: 'R2', amount: '3.00' }),
        ],
        creds,
      );
      expect(
        v.findings.map((f) => f.message),
        `${a} then ${b}`,
      ).to.deep.equal(['request_id R2 of the order created by request #1 is reused for a different order']);
    }
  });
});
