import {
  type AuthMode,
  type CheckContext,
  check,
  ensure,
  ensureJsonObject,
  ensureSchema,
  ensureStatus,
  lesspaySign,
  lesspayStringToSign,
  signingDiagnosis,
} from '../../../src/index.js';
import {
  appSecret,
  batchBody,
  createBody,
  ensureSignedAccepted,
  PATH,
  queryBody,
  requestId,
  singlePayoutBody,
  windowAround,
} from './fixtures.js';

// L3: requests signed as the docs say are accepted; a missing or wrong signature or app id gets HTTP 401.

const ENVELOPE = 'https://paycert.dev/schemas/lesspay/envelope.schema.json';

function queryWith(t: CheckContext, auth: AuthMode) {
  return t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }), { auth });
}

function ensureAccepted(status: number): void {
  ensure(status !== 401, 'a correctly signed request is refused with HTTP 401', 'not 401', status);
}

describe('lesspay · authentication', () => {
  // check: a request without x-auth-signature gets HTTP 401
  check('LP-AUTH-001', async (t) => {
    ensureStatus(await queryWith(t, 'no-signature'), [401]);
  });

  // check: a request with a wrong x-auth-signature gets HTTP 401
  check('LP-AUTH-002', async (t) => {
    ensureStatus(await queryWith(t, 'bad-signature'), [401]);
  });

  // check: a request with an unknown x-auth-appid gets HTTP 401
  check('LP-AUTH-003', async (t) => {
    ensureStatus(await queryWith(t, 'unknown-id'), [401]);
  });

  // check: a request without x-auth-appid gets HTTP 401
  check('LP-AUTH-004', async (t) => {
    ensureStatus(await queryWith(t, 'no-id'), [401]);
  });

  // check: a request without any authentication header gets HTTP 401
  check('LP-AUTH-005', async (t) => {
    ensureStatus(await queryWith(t, 'none'), [401]);
  });

  // check: an authentication failure carries the envelope with a non-zero code
  check('LP-AUTH-006', async (t) => {
    const res = await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }), {
      auth: 'bad-signature',
    });
    const body = ensureJsonObject(res, 'the answer to a wrongly signed request');
    ensureSchema(body, ENVELOPE);
    ensure(body.code !== 0, 'a wrongly signed request is answered with code 0', 'a non-zero code', body.code);
  });

  // check: a request signed with plain uppercase SHA-256 of the sorted body is accepted
  check('LP-AUTH-007', async (t) => {
    const body = queryBody({ request_id: requestId(t, 'NX') });
    const res = await t.post(PATH.queryPayin, body);
    if (res.status !== 401) return;
    // Refused: what does the target verify instead? The diagnosis names it, or says no common mistake explains it.
    t.note(`string to sign (L3): ${lesspayStringToSign(body, '<appSecret>')}`);
    t.note(await signingDiagnosis(t));
    ensureAccepted(res.status);
  });

  // check: a body with a nested object signed as k={k1=v1&…} is accepted
  check('LP-AUTH-008', async (t) => {
    const body = createBody(t, { channel_extra: { three_ds: { enabled: true } } });
    ensureAccepted((await t.post(PATH.createPayin, body)).status);
  });

  // check: a JSON number is signed as written (1.0 stays 1.0)
  check('LP-AUTH-009', async (t) => {
    // The body text carries `"page":1.0`; its signature is computed over the text as written ("page=1.0"),
    // which is what signing the string "1.0" yields.
    const id = requestId(t, 'NX');
    const raw = `{"page":1.0,"page_size":"20","request_id":"${id}"}`;
    const signature = lesspaySign({ page: '1.0', page_size: '20', request_id: id }, appSecret(t));
    const res = await t.post(PATH.queryPayin, raw, { headers: { 'x-auth-signature': signature } });
    ensureAccepted(res.status);
  });

  // L3's documented rules, each on a documented request shape. A refusal (HTTP 401) of a request signed exactly as
  // L3 says fails the rule it breaks, with the request, the string to sign and the answer as evidence; the checks
  // that needed such a request stay not judged and cite these IDs (fixtures.ts signingCheckOf).

  // check: a create-order with optional members null or "" is signed without them and accepted
  check('LP-AUTH-010', async (t) => {
    const body = createBody(t, { way_code: '', expired_time: null, transaction_network: null });
    await ensureSignedAccepted(t, PATH.createPayin, body, 'null and "" members left out');
  });

  // check: a payout with optional members null or "", nested too, is signed without them and accepted
  check('LP-AUTH-011', async (t) => {
    const body = singlePayoutBody(t, { purpose: '', product_name: null, description: '' });
    const info = (body.beneficiary as Record<string, any>).beneficiary_info;
    info.tax_id = null;
    info.address = { ...info.address, line2: '' };
    await ensureSignedAccepted(t, PATH.createPayout, body, 'null and "" members left out, at every depth');
  });

  // check: a query-order naming pay_order_id as null is signed without it and accepted
  check('LP-AUTH-012', async (t) => {
    const body = { ...queryBody({ request_id: requestId(t, 'NX') }), pay_order_id: null };
    await ensureSignedAccepted(t, PATH.queryPayin, body, 'a null member left out');
  });

  // check: a payout query naming pay_order_id as "" is signed without it and accepted
  check('LP-AUTH-013', async (t) => {
    const body = { request_id: t.uniqueId('NX', 64), pay_order_id: '' };
    await ensureSignedAccepted(t, PATH.queryPayout, body, 'an empty member left out');
  });

  // check: a single payout with its nested beneficiary signed as k={k1=v1&…} is accepted
  check('LP-AUTH-014', async (t) => {
    await ensureSignedAccepted(t, PATH.createPayout, singlePayoutBody(t), 'nested objects as k={k1=v1&…}');
  });

  // check: a batch payout signed with its payout_order_details array as compact JSON text is accepted
  check('LP-AUTH-015', async (t) => {
    await ensureSignedAccepted(t, PATH.createBatch, batchBody(t), 'arrays as compact JSON text');
  });

  // check: an empty body {} signed as SHA-256 of key=<appSecret> is accepted
  check('LP-AUTH-016', async (t) => {
    await ensureSignedAccepted(t, PATH.queryPayin, {}, 'the empty body signs key=<appSecret>');
  });

  // check: a query-order with JSON integers (the demo's form) signed with their JSON text is accepted
  check('LP-AUTH-017', async (t) => {
    const body = queryBody({ request_id: requestId(t, 'NX') }, windowAround(), true);
    await ensureSignedAccepted(t, PATH.queryPayin, body, 'numbers as their JSON text');
  });

  // check: a create-order with the boolean use_channel_request_id signed as false is accepted
  check('LP-AUTH-018', async (t) => {
    const body = createBody(t, { use_channel_request_id: false });
    await ensureSignedAccepted(t, PATH.createPayin, body, 'booleans as their JSON text');
  });
});
