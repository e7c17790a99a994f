import { createHmac } from 'node:crypto';
import { ensure } from '../../../src/checks/assert.js';
import { ensureStatus } from '../../../src/checks/response.js';
import { CheckFailure, SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { setup } from '../../../src/engine/probe.js';
import type { Body } from '../../../src/generate/body-path.js';
import type { Endpoint } from '../../../src/generate/endpoints.js';
import type { GatewayKit } from '../../../src/generate/families.js';
import type { Field } from '../../../src/generate/schema-walk.js';
import { lesspaySign, lesspayStringToSign } from '../../../src/signing/lesspay.js';
import {
  appSecret,
  batchBody,
  batchPayout,
  cashierOrder,
  createBody,
  createPayin,
  expectRefused,
  locateOrder,
  MSG,
  needPayOrderId,
  orderAmount,
  PATH,
  payinExists,
  payoutExists,
  queryBody,
  signingCheckOf,
  singlePayoutBody,
  usable,
} from './fixtures.js';

// What the generated checks (src/generate) need to know of Lesspay: valid bodies per endpoint and the profile's
// judgement of an answer (L1–L8). The cases themselves come from the request schemas.

const WINDOW_LEAD_MS = 10 * 60_000;

/** A run's id stretched to `length` characters, still starting with PC as every id paycert creates. */
const padId = (id: string, length: number) => `PC${id.slice(2).padStart(length - 2, 'X')}`;

/** An order whose request_id has the full 20 characters, so a query naming it is at the field's maximum. */
const longIdOrder = setup('an unpaid cashier order with a 20-character request_id exists', (t) =>
  createPayin(t, { request_id: padId(t.uniqueId('PC', 20), 20) }),
);

async function body(t: CheckContext, ep: Endpoint): Promise<Body> {
  switch (ep.name) {
    case 'create-order':
      return createBody(t);
    case 'query-order':
      return queryBody({ request_id: (await t.use(longIdOrder)).requestId });
    case 'payout-create':
      return singlePayoutBody(t);
    case 'payout-batch':
      return batchBody(t);
    case 'payout-query':
      return { request_id: (await t.use(batchPayout)).requestId };
    case 'payout-banks':
      return { bank_country_code: 'PH', currency: 'PHP', way_code: 'TAZAPAY_PAYOUT' };
    case 'payout-balance':
      // The demo's example, in a currency no other check pays out: the balance it answers stays the same per run.
      return { currency: 'IDR', way_code: 'AWEPAY_PAYOUT' };
    default:
      throw new SetupError(`no valid body known for ${ep.name}`);
  }
}

const isId = (f: Field) => /(^|_)(request_id|mch_order_id)$/.test(f.path[f.path.length - 1]);

/** A value in a body changed after signing: a string that is no id if there is one, a numeric string incremented. */
function tamper(b: Body): Body {
  // A documented value changes (an added member might be left out of a signature computed over known fields).
  const strings = Object.keys(b).filter((k) => typeof b[k] === 'string');
  const key = strings.find((k) => !/_id$/.test(k)) ?? strings[0];
  if (!key) throw new SetupError('the valid body holds no string value to change');
  const v = b[key] as string;
  return { ...b, [key]: /^\d+$/.test(v) ? String(Number(v) + 1) : `${v}x` };
}

export const lesspayKit: GatewayKit = {
  body,

  uniqueValue(t, _ep, f, length) {
    if (!isId(f)) return undefined;
    return padId(t.uniqueId('PC', length), length);
  },

  async refused(t, ep, res) {
    // expectRefused judges the code and the HTTP status; "nothing created" is queried by the family.
    await expectRefused(t, res, undefined, signingCheckOf(ep.path));
  },

  accepted(_t, ep, res) {
    const { body: answer } = usable(res, true, signingCheckOf(ep.path));
    ensure(
      answer.code === 0,
      `a valid request was refused: code ${answer.code} ${JSON.stringify(answer.msg)}`,
      'code 0',
      { code: answer.code, msg: answer.msg },
    );
  },

  async exists(t, ep, b) {
    const id = b.request_id;
    if (typeof id !== 'string' || id === '') return false;
    return ep.name === 'create-order' ? payinExists(t, id) : payoutExists(t, id);
  },

  async echoedAmount(t, ep, b) {
    const id = b.request_id as string;
    if (ep.name === 'create-order') {
      const { body: answer } = usable(await t.post(PATH.queryPayin, queryBody({ request_id: id })));
      const order = answer.code === 0 ? locateOrder(answer.data, { requestId: id }) : undefined;
      if (!order)
        throw new SetupError(`the new order ${id} could not be queried (see LP-QO-012)`, 'LP-QO-012');
      return orderAmount(order);
    }
    const { body: answer } = usable(await t.post(PATH.queryPayout, { request_id: id }), true, 'LP-AUTH-013');
    if (answer.code !== 0 || !answer.data)
      throw new SetupError(`the new payout ${id} could not be queried (see LP-PQ-004)`, 'LP-PQ-004');
    return answer.data.total_amount;
  },

  sendBadAuth(t, ep, b, variant) {
    const secret = appSecret(t);
    switch (variant) {
      case 'no-signature':
        return t.post(ep.path, b, { auth: 'no-signature' });
      case 'wrong-signature':
        return t.post(ep.path, b, { auth: 'bad-signature' });
      case 'wrong-key':
        return t.post(ep.path, b, { auth: 'foreign-key' });
      case 'unknown-app':
        return t.post(ep.path, b, { auth: 'unknown-id' });
      case 'no-app':
        return t.post(ep.path, b, { auth: 'no-id' });
      case 'hmac': {
        const mac = createHmac('sha256', secret).update(lesspayStringToSign(b, secret), 'utf8').digest('hex');
        return t.post(ep.path, b, { headers: { 'x-auth-signature': mac.toUpperCase() } });
      }
      default: {
        const signature = lesspaySign(b, secret);
        return t.post(ep.path, JSON.stringify(tamper(b)), { headers: { 'x-auth-signature': signature } });
      }
    }
  },

  authRefused(_t, _ep, res) {
    ensureStatus(res, [401], 'HTTP status of a request that fails authentication');
  },

  signaturePassed(_t, _ep, res) {
    ensure(
      res.status !== 401,
      'a request signed as L3 says was refused with HTTP 401',
      'anything but 401 (the signature verifies)',
      res.status,
    );
  },

  cornerMembers: {
    empty: 'paycert_empty',
    nil: 'paycert_null',
    nested: 'paycert_nested',
    list: 'paycert_list',
    text: 'paycert_text',
  },

  envelopeSchema(ep, kind) {
    if (kind === 'not-found' || kind === 'wrong-method') return 'lesspay/envelope.schema.json';
    return ep.path.includes('/payout/')
      ? 'lesspay/payout-envelope.schema.json'
      : 'lesspay/pay-in-envelope.schema.json';
  },

  async window(t, ids, win, span) {
    const order = await t.use(cashierOrder);
    const named = {
      ...(ids !== 'pay-order-id' ? { request_id: order.requestId } : {}),
      ...(ids !== 'request-id' ? { pay_order_id: needPayOrderId(order) } : {}),
    };
    const end = Date.now() + WINDOW_LEAD_MS;
    const start = win === 'reversed' ? end + span : end - span;
    const { body: answer } = usable(await t.post(PATH.queryPayin, queryBody(named, { start, end })));
    if (win === 'inside' || win === 'seven-days') {
      const found = answer.code === 0 ? locateOrder(answer.data, order) : undefined;
      if (!found || found.request_id !== order.requestId)
        throw new CheckFailure(
          `a window of ${end - start} ms holding the order did not find it`,
          { code: 0, order: order.requestId },
          { code: answer.code, msg: answer.msg },
        );
      return;
    }
    if (answer.code === 0 || answer.msg !== MSG.time)
      throw new CheckFailure(
        `start_time ${start}, end_time ${end} was not refused with "${MSG.time}"`,
        { code: 'non-zero', msg: MSG.time },
        { code: answer.code, msg: answer.msg },
      );
  },
};
