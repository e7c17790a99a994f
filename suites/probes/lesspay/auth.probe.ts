import { ensure } from '../../../src/checks/assert.js';
import { ensureJsonObject, ensureSchema, ensureStatus } from '../../../src/checks/response.js';
import { signingDiagnosis } from '../../../src/checks/signing-diagnosis.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
import type { AuthMode } from '../../../src/gateways/index.js';
import { lesspaySign, lesspayStringToSign } from '../../../src/signing/lesspay.js';
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

export default probes('lesspay · authentication', (p) => {
  p.check(
    {
      id: 'LP-AUTH-001',
      title: 'a request without x-auth-signature gets HTTP 401',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L3' },
      killedBy: ['auth-error-200', 'missing-signature-accepted'],
    },
    async (t) => {
      ensureStatus(await queryWith(t, 'no-signature'), [401]);
    },
  );

  p.check(
    {
      id: 'LP-AUTH-002',
      title: 'a request with a wrong x-auth-signature gets HTTP 401',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L3' },
      killedBy: ['auth-error-200', 'bad-signature-accepted'],
    },
    async (t) => {
      ensureStatus(await queryWith(t, 'bad-signature'), [401]);
    },
  );

  p.check(
    {
      id: 'LP-AUTH-003',
      title: 'a request with an unknown x-auth-appid gets HTTP 401',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L3' },
      killedBy: ['auth-error-200', 'unknown-appid-accepted'],
    },
    async (t) => {
      ensureStatus(await queryWith(t, 'unknown-id'), [401]);
    },
  );

  p.check(
    {
      id: 'LP-AUTH-004',
      title: 'a request without x-auth-appid gets HTTP 401',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L3' },
      killedBy: ['auth-error-200', 'missing-appid-accepted'],
    },
    async (t) => {
      ensureStatus(await queryWith(t, 'no-id'), [401]);
    },
  );

  p.check(
    {
      id: 'LP-AUTH-005',
      title: 'a request without any authentication header gets HTTP 401',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L3' },
      killedBy: ['auth-error-200'],
    },
    async (t) => {
      ensureStatus(await queryWith(t, 'none'), [401]);
    },
  );

  p.check(
    {
      id: 'LP-AUTH-006',
      title: 'an authentication failure carries the envelope with a non-zero code',
      level: 'SHOULD',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L3' },
      killedBy: ['auth-401-no-envelope', 'code-as-string', 'errors-as-text', 'msg-missing', 'msg-null'],
    },
    async (t) => {
      const res = await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }), {
        auth: 'bad-signature',
      });
      const body = ensureJsonObject(res, 'the answer to a wrongly signed request');
      ensureSchema(body, ENVELOPE);
      ensure(
        body.code !== 0,
        'a wrongly signed request is answered with code 0',
        'a non-zero code',
        body.code,
      );
    },
  );

  p.check(
    {
      id: 'LP-AUTH-007',
      title: 'a request signed with plain uppercase SHA-256 of the sorted body is accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        'Signature = uppercase hex SHA-256 (plain hash, not HMAC) of: the body\'s top-level keys with a non-empty value (not null, not `""`), sorted by ASCII, joined as `k=v` with `&`, followed by `&key=<appSecret>`.',
      spec: { section: 'lesspay §2 Authentication' },
      note: 'L3 defines the signature but states no level for accepting a correct one; accepting it is the precondition of every other reading, so MUST.',
      killedBy: ['signature-hmac', 'signature-lowercase-hex'],
    },
    async (t) => {
      const body = queryBody({ request_id: requestId(t, 'NX') });
      const res = await t.post(PATH.queryPayin, body);
      if (res.status !== 401) return;
      // Refused: what does the target verify instead? The diagnosis names it, or says no common mistake explains it.
      t.note(`string to sign (L3): ${lesspayStringToSign(body, '<appSecret>')}`);
      t.note(await signingDiagnosis(t));
      ensureAccepted(res.status);
    },
  );

  p.check(
    {
      id: 'LP-AUTH-008',
      title: 'a body with a nested object signed as k={k1=v1&…} is accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'create-order',
      capability: 'payin',
      clause:
        'Nested objects render as `k={k1=v1&k2=v2}` (same rules, recursively); arrays as compact JSON text; numbers and booleans as their JSON text.',
      spec: { section: 'profile L3' },
      note: "Sends an optional channel_extra object on a cashier create; only the status is judged (not 401), since the create itself is LP-CO-001's.",
      killedBy: [
        'signature-booleans-capitalised',
        'signature-hmac',
        'signature-lowercase-hex',
        'signature-nested-json',
      ],
    },
    async (t) => {
      const body = createBody(t, { channel_extra: { three_ds: { enabled: true } } });
      ensureAccepted((await t.post(PATH.createPayin, body)).status);
    },
  );

  p.check(
    {
      id: 'LP-AUTH-009',
      title: 'a JSON number is signed as written (1.0 stays 1.0)',
      level: 'SHOULD',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      clause:
        'Amounts are strings, so signed bodies need no decimal JSON numbers; probes send none, and a target SHOULD sign a number as written in the body.',
      spec: { section: 'profile L3' },
      note: 'The body carries page written as 1.0 and is signed over the text as written; any answer but 401 passes, a parameter error included.',
      killedBy: ['signature-hmac', 'signature-lowercase-hex', 'signature-numbers-normalized'],
    },
    async (t) => {
      // The body text carries `"page":1.0`; its signature is computed over the text as written ("page=1.0"),
      // which is what signing the string "1.0" yields.
      const id = requestId(t, 'NX');
      const raw = `{"page":1.0,"page_size":"20","request_id":"${id}"}`;
      const signature = lesspaySign({ page: '1.0', page_size: '20', request_id: id }, appSecret(t));
      const res = await t.post(PATH.queryPayin, raw, { headers: { 'x-auth-signature': signature } });
      ensureAccepted(res.status);
    },
  );

  // L3's documented rules, each on a documented request shape. A refusal (HTTP 401) of a request signed exactly as
  // L3 says fails the rule it breaks, with the request, the string to sign and the answer as evidence; the checks
  // that needed such a request stay not judged and cite these IDs (fixtures.ts signingCheckOf).

  p.check(
    {
      id: 'LP-AUTH-010',
      title: 'a create-order with optional members null or "" is signed without them and accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'the body\'s top-level keys with a non-empty value (not null, not `""`)',
      spec: { section: 'lesspay §2 Authentication' },
      note: 'Sends way_code "", expired_time null and transaction_network null (documented optional members, lesspay §4.1 CreatePayinOrderDTO). Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks\'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.',
      killedBy: ['signature-hmac', 'signature-lowercase-hex', 'signature-signs-empty'],
    },
    async (t) => {
      const body = createBody(t, { way_code: '', expired_time: null, transaction_network: null });
      await ensureSignedAccepted(t, PATH.createPayin, body, 'null and "" members left out');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-011',
      title: 'a payout with optional members null or "", nested too, is signed without them and accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'payout-create',
      capability: 'payout',
      clause:
        'the body\'s top-level keys with a non-empty value (not null, not `""`), sorted by ASCII, joined as `k=v` with `&`, followed by `&key=<appSecret>`. Nested objects render as `k={k1=v1&k2=v2}` (same rules, recursively)',
      spec: { section: 'lesspay §2 Authentication' },
      note: 'Sends purpose "", product_name null, description "" and, inside beneficiary, tax_id null and address.line2 "" (documented optional members, lesspay §4.3). Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks\'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.',
      killedBy: [
        'signature-hmac',
        'signature-lowercase-hex',
        'signature-nested-json',
        'signature-signs-empty',
      ],
    },
    async (t) => {
      const body = singlePayoutBody(t, { purpose: '', product_name: null, description: '' });
      const info = (body.beneficiary as Record<string, any>).beneficiary_info;
      info.tax_id = null;
      info.address = { ...info.address, line2: '' };
      await ensureSignedAccepted(t, PATH.createPayout, body, 'null and "" members left out, at every depth');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-012',
      title: 'a query-order naming pay_order_id as null is signed without it and accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      clause: 'the body\'s top-level keys with a non-empty value (not null, not `""`)',
      spec: { section: 'lesspay §2 Authentication' },
      note: "pay_order_id is documented as optional (one of request_id or pay_order_id, lesspay §4.2 PayinQueryDTO). Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.",
      killedBy: ['signature-hmac', 'signature-lowercase-hex', 'signature-signs-empty'],
    },
    async (t) => {
      const body = { ...queryBody({ request_id: requestId(t, 'NX') }), pay_order_id: null };
      await ensureSignedAccepted(t, PATH.queryPayin, body, 'a null member left out');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-013',
      title: 'a payout query naming pay_order_id as "" is signed without it and accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'payout-query',
      capability: 'payout',
      clause: 'with a non-empty value (not null, not `""`), sorted by ASCII',
      spec: { section: 'lesspay §2 Authentication' },
      note: "pay_order_id is documented as optional (one of request_id or pay_order_id, lesspay §4.5). Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.",
      killedBy: ['signature-hmac', 'signature-lowercase-hex', 'signature-signs-empty'],
    },
    async (t) => {
      const body = { request_id: t.uniqueId('NX', 64), pay_order_id: '' };
      await ensureSignedAccepted(t, PATH.queryPayout, body, 'an empty member left out');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-014',
      title: 'a single payout with its nested beneficiary signed as k={k1=v1&…} is accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'payout-create',
      capability: 'payout',
      clause: 'Nested objects render as `k={k1=v1&k2=v2}` (same rules, recursively)',
      spec: { section: 'lesspay §2 Authentication' },
      note: "The documented beneficiary object nests beneficiary_info (with address) and destination (with bank) (lesspay §4.3). Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.",
      killedBy: ['signature-hmac', 'signature-lowercase-hex', 'signature-nested-json'],
    },
    async (t) => {
      await ensureSignedAccepted(t, PATH.createPayout, singlePayoutBody(t), 'nested objects as k={k1=v1&…}');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-015',
      title: 'a batch payout signed with its payout_order_details array as compact JSON text is accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: 'arrays as compact JSON text',
      spec: { section: 'lesspay §2 Authentication' },
      note: "The array's members are all non-empty, so both readings of empty members inside arrays give the same string. Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.",
      killedBy: ['signature-drops-arrays', 'signature-hmac', 'signature-lowercase-hex'],
    },
    async (t) => {
      await ensureSignedAccepted(t, PATH.createBatch, batchBody(t), 'arrays as compact JSON text');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-016',
      title: 'an empty body {} signed as SHA-256 of key=<appSecret> is accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      clause: 'Empty body: SHA-256 of `key=<appSecret>`.',
      spec: { section: 'lesspay §2 Authentication' },
      note: "The body {} is a parameter error for query-order (neither id), answered with a non-zero code: only a 401 fails here. Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.",
      killedBy: ['signature-empty-body-ampersand', 'signature-hmac', 'signature-lowercase-hex'],
    },
    async (t) => {
      await ensureSignedAccepted(t, PATH.queryPayin, {}, 'the empty body signs key=<appSecret>');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-017',
      title: "a query-order with JSON integers (the demo's form) signed with their JSON text is accepted",
      level: 'MUST',
      reading: 'L3',
      endpoint: 'query-order',
      capability: 'payin',
      clause: 'numbers and booleans as their JSON text',
      spec: { section: 'lesspay §2 Authentication' },
      note: "page, page_size, start_time and end_time as JSON integers, as the demo's PayinQueryDTO sends them (lesspay §4.2); 13-digit times catch a signer that renders them as floating point. Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.",
      killedBy: ['signature-hmac', 'signature-long-numbers-as-double', 'signature-lowercase-hex'],
    },
    async (t) => {
      const body = queryBody({ request_id: requestId(t, 'NX') }, windowAround(), true);
      await ensureSignedAccepted(t, PATH.queryPayin, body, 'numbers as their JSON text');
    },
  );

  p.check(
    {
      id: 'LP-AUTH-018',
      title: 'a create-order with the boolean use_channel_request_id signed as false is accepted',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'numbers and booleans as their JSON text',
      spec: { section: 'lesspay §2 Authentication' },
      note: "use_channel_request_id is a documented optional Boolean (lesspay §4.1 CreatePayinOrderDTO). Only the refusal is judged: an answer other than HTTP 401 passes (what it says is other checks'). On a 401 the evidence carries the request, the string to sign (secret shown as <appSecret>) and the answer; the checks whose setup sends this shape stay not judged and cite this ID.",
      killedBy: ['signature-booleans-capitalised', 'signature-hmac', 'signature-lowercase-hex'],
    },
    async (t) => {
      const body = createBody(t, { use_channel_request_id: false });
      await ensureSignedAccepted(t, PATH.createPayin, body, 'booleans as their JSON text');
    },
  );
});
