import {
  type AuthMode,
  type CheckContext,
  check,
  ensure,
  ensureJsonObject,
  ensureSchema,
  ensureStatus,
  lesspaySign,
} from '../../../src/index.js';
import { appSecret, createBody, PATH, queryBody, requestId } from './fixtures.js';

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
    const res = await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }));
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
});
