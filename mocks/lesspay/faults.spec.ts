import { expect } from 'chai';
import {
  batchBody,
  type Client,
  checkout,
  createPayin,
  type Delivery,
  detail,
  PATH,
  payinBody,
  rid,
  singlePayoutBody,
  startReceiver,
  webhookSignatureValid,
  withMock,
} from '../../test/kits/lesspay-mock.js';
import { faults } from './index.js';

// For every fault: a probe that returns true when the deviation named by the fault is observed. Each probe
// must return true against its fault variant and false against both conformant variants.

type Probe = (c: Client) => Promise<boolean>;

const PAYIN_CODES = [10, 11, 12, 1201, 1202, 5000, 5002, 5003, 5004, 9999];
const STATUSES: unknown[] = [
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  11,
  12,
  'PENDING_CONFIRM',
  'PENDING_PAY',
  'SUCCEED',
  'FAILED',
  'CANCELED',
  'REFUND',
  'CLOSED',
  'PARTIAL_SUCCESS',
  'PAID',
];
const DAY = 86_400_000;

const create = (c: Client, over: Record<string, unknown> = {}) => c.call(PATH.createPayin, payinBody(over));
const query = (c: Client, body: Record<string, unknown>) => c.call(PATH.queryPayin, body);
const orderOf = (json: any) => (Array.isArray(json?.data?.records) ? json.data.records[0] : json?.data);
const invalidCreate = (c: Client) => create(c, { product_name: 'p'.repeat(31) });
const created = async (c: Client) => {
  const { body, data } = await createPayin(c);
  const q = await query(c, { request_id: body.request_id, page: '1', page_size: '20' });
  return { body, data, order: orderOf(q.json) };
};
const window = (c: Client, start: (now: number) => number, end: (now: number) => number) =>
  createPayin(c).then(({ body }) => {
    const now = Date.now();
    return query(c, { request_id: body.request_id, start_time: start(now), end_time: end(now) });
  });
const isTimeError = (json: any) => json.code !== 0 && json.msg === 'Request time error';
const payout = async (c: Client) => {
  const body = batchBody(['5000.00']);
  await c.call(PATH.batchPayout, body);
  return (await c.call(PATH.queryPayout, { request_id: body.request_id })).json.data;
};
const dupDetails = () => {
  const d = detail({ mch_order_id: 'SAME', amount: '100.00' });
  return batchBody([], { total_amount: '200.00', payout_order_details: [d, { ...d }] });
};

/** Pays a cashier order with a notify_url and returns the deliveries seen within `ms`. */
async function payinDeliveries(
  c: Client,
  apiVersion = 'V2',
  answer?: (n: number) => { status: number; body: string },
  /** How long to wait for a second delivery (a retry) after the first; it ends as soon as one arrives. */
  retryWithinMs = 0,
): Promise<Delivery[]> {
  const receiver = await startReceiver(answer);
  try {
    const { data } = await createPayin(c, {
      api_version: apiVersion,
      notify_url: receiver.url,
      way_type: 'CARD_PAYMENT',
    });
    await checkout(c, data.pay_order_id, 'succeed');
    await receiver.waitFor(1);
    if (retryWithinMs) await receiver.waitFor(2, retryWithinMs);
    return [...receiver.deliveries];
  } finally {
    await receiver.close();
  }
}
const firstDelivery = async (c: Client, v = 'V2') => (await payinDeliveries(c, v))[0];

const probes: Record<string, Probe> = {
  // L1
  'html-content-type': async (c) => /text\/html/.test((await create(c)).headers['content-type'] ?? ''),
  'content-type-missing': async (c) => (await create(c)).headers['content-type'] === undefined,
  'errors-as-text': async (c) => (await query(c, {})).json === undefined,
  // L2
  'code-as-string': async (c) => typeof (await query(c, {})).json.code === 'string',
  'msg-missing': async (c) => !('msg' in (await create(c)).json),
  'msg-null': async (c) => (await create(c)).json.msg === null,
  'code-outside-table': async (c) => !PAYIN_CODES.includes((await query(c, {})).json.code),
  'success-code-nonzero': async (c) => (await create(c)).json.code !== 0,
  'data-not-object': async (c) => typeof (await create(c)).json.data !== 'object',
  // L3
  'bad-signature-accepted': async (c) =>
    (await c.call(PATH.createPayin, payinBody(), { signature: 'wrong' })).status !== 401,
  'missing-signature-accepted': async (c) =>
    (await c.call(PATH.createPayin, payinBody(), { signature: 'none' })).status !== 401,
  'unknown-appid-accepted': async (c) =>
    (await c.call(PATH.createPayin, payinBody(), { appId: 'lp_other_app' })).status !== 401,
  'missing-appid-accepted': async (c) =>
    (await c.call(PATH.createPayin, payinBody(), { appId: null })).status !== 401,
  'auth-error-200': async (c) =>
    (await c.call(PATH.createPayin, payinBody(), { signature: 'wrong' })).status === 200,
  'auth-401-no-envelope': async (c) => {
    const r = await c.call(PATH.createPayin, payinBody(), { signature: 'wrong' });
    return r.status === 401 && r.json === undefined;
  },
  'signature-hmac': async (c) => (await create(c)).status === 401,
  'signature-nested-json': async (c) =>
    (await create(c, { channel_extra: { three_ds: { enabled: true }, extra_type: 'card' } })).status === 401,
  'signature-lowercase-hex': async (c) => (await create(c)).status === 401,
  'signature-signs-empty': async (c) =>
    (await create(c, { way_code: '', expired_time: null })).status === 401,
  'signature-drops-arrays': async (c) =>
    (await c.call(PATH.batchPayout, batchBody(['10.00']))).status === 401,
  'signature-empty-body-ampersand': async (c) => (await c.call(PATH.queryPayin, {})).status === 401,
  'signature-long-numbers-as-double': async (c) =>
    (await query(c, { request_id: 'x', start_time: 1762741122000, end_time: 1762913922000 })).status === 401,
  'signature-booleans-capitalised': async (c) =>
    (await create(c, { use_channel_request_id: false })).status === 401,
  'signature-numbers-normalized': async (c) =>
    (await c.call(PATH.queryPayin, '{"request_id":"x","page":1.0}')).status === 401,
  // L4, L5
  'get-answered-200': async (c) => (await c.call(PATH.createPayin, {}, { method: 'GET' })).status === 200,
  'payin-get-answered-404': async (c) =>
    (await c.call(PATH.queryPayin, {}, { method: 'GET' })).status === 404,
  'payout-get-answered-200': async (c) =>
    (await c.call(PATH.queryPayout, {}, { method: 'GET' })).status === 200,
  'payout-405-missing': async (c) => (await c.call(PATH.batchPayout, {}, { method: 'GET' })).status === 404,
  'unknown-path-200': async (c) => (await c.call('/api/global/v1/pay/unknown', {})).status === 200,
  // L6
  'param-error-code-zero': async (c) => (await invalidCreate(c)).json.code === 0,
  'param-error-http-500': async (c) => (await invalidCreate(c)).status === 500,
  'param-error-http-422': async (c) => ![400, 200].includes((await invalidCreate(c)).status),
  'param-error-creates-order': async (c) => {
    const body = payinBody({ product_name: 'p'.repeat(31) });
    await c.call(PATH.createPayin, body);
    return (await query(c, { request_id: body.request_id })).json.code === 0;
  },
  'param-error-code-not-11': async (c) => (await invalidCreate(c)).json.code !== 11,
  'long-request-id-accepted': async (c) =>
    (await create(c, { request_id: rid('L').padEnd(21, 'x') })).json.code === 0,
  'amount-number-accepted': async (c) => (await create(c, { target_amount: 100 })).json.code === 0,
  'zero-amount-accepted': async (c) => (await create(c, { target_amount: '0.00' })).json.code === 0,
  'non-http-url-accepted': async (c) =>
    (await create(c, { success_url: 'ftp://merchant.example/ok' })).json.code === 0,
  'missing-description-accepted': async (c) => (await create(c, { description: undefined })).json.code === 0,
  'wrong-type-accepted': async (c) => (await create(c, { pay_access_type: '1' })).json.code === 0,
  'bad-json-500': async (c) => (await c.call(PATH.createPayin, 'not json')).status === 500,
  // L7
  'checkout-url-missing': async (c) => (await create(c)).json.data.checkout_url === undefined,
  'checkout-url-not-http': async (c) => !/^https?:\/\//.test((await create(c)).json.data.checkout_url),
  'pay-order-id-missing': async (c) => (await create(c)).json.data.pay_order_id === undefined,
  'pay-order-id-number': async (c) => typeof (await create(c)).json.data.pay_order_id !== 'string',
  'duplicate-request-id-accepted': async (c) => {
    const body = payinBody();
    await c.call(PATH.createPayin, body);
    return (await c.call(PATH.createPayin, body)).json.code === 0;
  },
  'duplicate-overwrites-order': async (c) => {
    const body = payinBody({ target_amount: '10.00' });
    await c.call(PATH.createPayin, body);
    await c.call(PATH.createPayin, { ...body, target_amount: '20.00' });
    return orderOf((await query(c, { request_id: body.request_id })).json).target_amount !== '10.00';
  },
  'duplicate-code-not-1201': async (c) => {
    const body = payinBody();
    await c.call(PATH.createPayin, body);
    return (await c.call(PATH.createPayin, body)).json.code !== 1201;
  },
  '500-on-valid-request': async (c) => (await create(c)).status === 500,
  // L8
  'query-msg-neither-id-wrong': async (c) =>
    (await query(c, {})).json.msg !== 'mchOrderNo and payOrderId cannot be empty at the same time',
  'query-msg-not-found-wrong': async (c) =>
    (await query(c, { request_id: rid('N') })).json.msg !== 'Order does not exist',
  'query-msg-time-wrong': async (c) => {
    const r = await window(
      c,
      (n) => n,
      (n) => n,
    );
    return r.json.code !== 0 && r.json.msg !== 'Request time error';
  },
  'query-not-found-code-zero': async (c) => (await query(c, { request_id: rid('N') })).json.code === 0,
  'not-found-code-not-1202': async (c) => (await query(c, { request_id: rid('N') })).json.code !== 1202,
  'seven-day-rule-not-enforced': async (c) =>
    !isTimeError(
      (
        await window(
          c,
          (n) => n - 4 * DAY,
          (n) => n + 4 * DAY,
        )
      ).json,
    ),
  'exact-seven-days-rejected': async (c) =>
    isTimeError(
      (
        await window(
          c,
          (n) => n - 3 * DAY,
          (n) => n + 4 * DAY,
        )
      ).json,
    ),
  'start-after-end-accepted': async (c) =>
    !isTimeError(
      (
        await window(
          c,
          (n) => n + DAY,
          (n) => n - DAY,
        )
      ).json,
    ),
  'start-equals-end-accepted': async (c) =>
    !isTimeError(
      (
        await window(
          c,
          (n) => n,
          (n) => n,
        )
      ).json,
    ),
  'string-numbers-rejected': async (c) => {
    const { body } = await createPayin(c);
    const now = Date.now();
    const q = {
      request_id: body.request_id,
      page: '1',
      page_size: '20',
      start_time: String(now - DAY),
      end_time: String(now + DAY),
    };
    return (await query(c, q)).json.code !== 0;
  },
  'integer-numbers-rejected': async (c) => {
    const { body } = await createPayin(c);
    const now = Date.now();
    const q = {
      request_id: body.request_id,
      page: 1,
      page_size: 20,
      start_time: now - DAY,
      end_time: now + DAY,
    };
    return (await query(c, q)).json.code !== 0;
  },
  'query-pay-order-id-ignored': async (c) => {
    const { data } = await createPayin(c);
    return (await query(c, { pay_order_id: data.pay_order_id })).json.code !== 0;
  },
  'query-wrong-amount': async (c) => {
    const { order, body } = await created(c);
    return String(order.target_amount) !== body.target_amount;
  },
  'query-amount-number': async (c) => typeof (await created(c)).order.target_amount !== 'string',
  'query-amount-trailing-zero-dropped': async (c) => {
    const { body } = await createPayin(c, { target_amount: '100.50' });
    const q = await query(c, { request_id: body.request_id, page: '1', page_size: '20' });
    return orderOf(q.json).target_amount !== '100.50';
  },
  'query-status-outside-table': async (c) => !STATUSES.includes((await created(c)).order.order_status),
  'query-new-order-succeed': async (c) =>
    ![0, 1, 'PENDING_CONFIRM', 'PENDING_PAY'].includes((await created(c)).order.order_status),
  'query-wrong-request-id': async (c) => {
    const { order, body } = await created(c);
    return order.request_id !== body.request_id;
  },
  'query-wrong-pay-order-id': async (c) => {
    const { order, data } = await created(c);
    return order.pay_order_id !== data.pay_order_id;
  },
  // L9
  'payout-query-unknown-code-zero': async (c) =>
    (await c.call(PATH.queryPayout, { request_id: rid('N') })).json.code === 0,
  'payout-unknown-code-not-30020': async (c) =>
    (await c.call(PATH.queryPayout, { request_id: rid('N') })).json.code !== 30020,
  'payout-query-no-id-accepted': async (c) => (await c.call(PATH.queryPayout, {})).json.code === 0,
  'payout-query-missing-fields': async (c) => {
    const d = await payout(c);
    return !('fail_reason' in d) || !('created_at' in d);
  },
  'payout-query-amount-number': async (c) => typeof (await payout(c)).total_amount !== 'string',
  'payout-query-wrong-request-id': async (c) => {
    const body = batchBody(['5000.00']);
    await c.call(PATH.batchPayout, body);
    return (
      (await c.call(PATH.queryPayout, { request_id: body.request_id })).json.data.request_id !==
      body.request_id
    );
  },
  // L10
  'payout-not-pending-confirm': async (c) =>
    !['PENDING_CONFIRM', 0].includes(
      (await c.call(PATH.batchPayout, batchBody(['5000.00']))).json.data.order_status,
    ),
  'payout-duplicate-accepted': async (c) => {
    const body = batchBody(['5000.00']);
    await c.call(PATH.batchPayout, body);
    return (await c.call(PATH.batchPayout, body)).json.code === 0;
  },
  'batch-sum-mismatch-accepted': async (c) =>
    (await c.call(PATH.batchPayout, batchBody(['1.00'], { total_amount: '2.00' }))).json.code === 0,
  'batch-duplicate-detail-accepted': async (c) =>
    (await c.call(PATH.batchPayout, dupDetails())).json.code === 0,
  'batch-detail-amount-number-accepted': async (c) => {
    const body = batchBody(['100.00', '100.00']);
    (body.payout_order_details as Record<string, unknown>[])[1].amount = 100;
    return (await c.call(PATH.batchPayout, body)).json.code === 0;
  },
  'batch-later-details-unchecked': async (c) => {
    const body = batchBody(['100.00', '100.00']);
    (body.payout_order_details as Record<string, unknown>[])[1].bank_account_type = 'nobody';
    return (await c.call(PATH.batchPayout, body)).json.code === 0;
  },
  'payout-optional-members-unchecked': async (c) => {
    const body = singlePayoutBody();
    (body.beneficiary as { beneficiary_info: Record<string, unknown> }).beneficiary_info.tax_id = { x: 1 };
    return (await c.call(PATH.createPayout, body)).json.code === 0;
  },
  'batch-sum-float-rounding': async (c) =>
    (await c.call(PATH.batchPayout, batchBody(['0.10', '0.20'], { total_amount: '0.30' }))).json.code !== 0,
  'payout-duplicate-code-not-30011': async (c) => {
    const body = batchBody(['5000.00']);
    await c.call(PATH.batchPayout, body);
    return (await c.call(PATH.batchPayout, body)).json.code !== 30011;
  },
  'batch-mismatch-code-not-30002': async (c) =>
    (await c.call(PATH.batchPayout, batchBody(['1.00'], { total_amount: '2.00' }))).json.code !== 30002,
  'batch-dup-detail-code-not-30007': async (c) =>
    (await c.call(PATH.batchPayout, dupDetails())).json.code !== 30007,
  // L11
  'webhook-unsigned': async (c) => (await firstDelivery(c)).headers['x-auth-signature'] === undefined,
  'webhook-bad-signature': async (c) => {
    const d = await firstDelivery(c);
    return (
      d.headers['x-auth-signature'] !== undefined &&
      !webhookSignatureValid(d, c.mock.credentials.appSecret, 'payin')
    );
  },
  'webhook-malformed': async (c) => {
    const d = await firstDelivery(c);
    return !('request_id' in d.json) || !('order_status' in d.json);
  },
  'webhook-no-retry': async (c) =>
    (await payinDeliveries(c, 'V2', () => ({ status: 500, body: 'FAIL' }), 1_000)).length < 2,
  'webhook-v1-signs-all-fields': async (c) =>
    !webhookSignatureValid(await firstDelivery(c, 'V1'), c.mock.credentials.appSecret, 'payin'),
  'webhook-v2-signs-v1-fields': async (c) =>
    !webhookSignatureValid(await firstDelivery(c, 'V2'), c.mock.credentials.appSecret, 'payin'),
  'webhook-form-encoded': async (c) => {
    const d = await firstDelivery(c);
    return d.headers['content-type'] !== 'application/json' || d.json === undefined;
  },
};

describe('lesspay mock: fault variants', () => {
  it('has a probe for every fault and a fault for every probe', () => {
    expect(Object.keys(probes).sort()).to.deep.equal(Object.keys(faults).sort());
  });

  it('documents each fault with a reading L1–L11, a level and a description', () => {
    for (const [name, f] of Object.entries(faults)) {
      expect(f.reading, name).to.match(/^L([1-9]|1[01])$/);
      expect(f.level, name).to.be.oneOf(['MUST', 'SHOULD']);
      expect(f.description, name).to.be.a('string').with.length.above(10);
    }
    const readings = new Set(Object.values(faults).map((f) => f.reading));
    for (let i = 1; i <= 11; i++) expect(readings.has(`L${i}`), `L${i}`).to.equal(true);
  });

  const opts = { webhookRetryDelaysMs: [30], webhookTimeoutMs: 500 };
  for (const name of Object.keys(probes)) {
    describe(name, () => {
      it('deviates as named', async () => {
        expect(await withMock({ ...opts, fault: name }, probes[name])).to.equal(true);
      });
      for (const variant of ['a', 'b'] as const)
        it(`does not deviate in conformant variant ${variant}`, async () => {
          expect(await withMock({ ...opts, variant }, probes[name])).to.equal(false);
        });
    });
  }
});
