import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual, ensureJsonObject } from '../../../src/checks/response.js';
import type { ProbeResponse } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
import {
  missingTransTypePay,
  missingTransTypeQuery,
  paidQrOrder,
  SUCCESS,
  TRANS_TYPE_MISSING,
  TRANS_TYPE_MISSING_MESSAGE,
  v2Pay,
  voidAnswer,
} from './fixtures.js';
import { BREAKS_ORDER_SETUP } from './precondition-faults.js';

// P3: 00000000 success, 22070030 with FAILED for a missing transType on v1 pay and query (message SHOULD);
// the v2 pay and preAuthVoid examples carry no transType, so it is not required there.

function notTransTypeMissing(res: ProbeResponse): void {
  const code = res.body?.code;
  ensure(
    code !== TRANS_TYPE_MISSING,
    'a request without transType was answered 22070030 where it is not required',
    'any code but 22070030',
    code,
  );
}

export default probes('payloco · codes', (p) => {
  p.check(
    {
      id: 'PL-CODE-001',
      title: 'a query of a paid active QR order answers code 00000000',
      level: 'MUST',
      reading: 'P3',
      endpoint: 'query',
      capability: 'payin',
      clause: '"code": "00000000", "message": "SUCCESS"',
      spec: { section: 'payloco public-body/response' },
      note: "The order is paid through the qrCode page of the target (the mock's simulator); skipped where the target offers no such page on its own host.",
      killedBy: [
        'code-numeric',
        'code-seven-digits',
        'query-by-merchant-order-id-ignored',
        'query-endpoint-missing',
        'query-paid-still-pending',
      ],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      const paid = await t.use(paidQrOrder);
      if (paid.unpaid !== undefined) return t.skip(paid.unpaid);
      ensureEqual(ensureJsonObject(paid.settled).code, SUCCESS, 'code of a query of a paid order');
    },
  );

  p.check(
    {
      id: 'PL-CODE-002',
      title: 'a v1 pay without transType answers code 22070030',
      level: 'MUST',
      reading: 'P3',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: [
        'code-numeric',
        'code-seven-digits',
        'pay-v1-missing',
        'signature-sha1',
        'transtype-not-required',
        'transtype-wrong-code',
      ],
    },
    async (t) => {
      ensureEqual(ensureJsonObject(await t.use(missingTransTypePay)).code, TRANS_TYPE_MISSING, 'code');
    },
  );

  p.check(
    {
      id: 'PL-CODE-003',
      title: 'a v1 pay without transType answers data.status FAILED',
      level: 'MUST',
      reading: 'P3',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: ['data-missing', 'failure-status-not-failed', 'status-lowercase', 'transtype-not-required'],
    },
    async (t) => {
      ensureEqual(ensureJsonObject(await t.use(missingTransTypePay)).data?.status, 'FAILED', 'data.status');
    },
  );

  p.check(
    {
      id: 'PL-CODE-004',
      title: 'a v1 pay without transType answers the documented message',
      level: 'SHOULD',
      reading: 'P3',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: [
        'message-missing',
        'pay-v1-missing',
        'signature-sha1',
        'transtype-not-required',
        'transtype-wrong-message',
      ],
    },
    async (t) => {
      ensureEqual(
        ensureJsonObject(await t.use(missingTransTypePay)).message,
        TRANS_TYPE_MISSING_MESSAGE,
        'message',
      );
    },
  );

  p.check(
    {
      id: 'PL-CODE-005',
      title: 'a v1 query without transType answers code 22070030',
      level: 'MUST',
      reading: 'P3',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: [
        'code-numeric',
        'code-seven-digits',
        'query-endpoint-missing',
        'transtype-not-required',
        'transtype-wrong-code',
      ],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      ensureEqual(ensureJsonObject(await t.use(missingTransTypeQuery)).code, TRANS_TYPE_MISSING, 'code');
    },
  );

  p.check(
    {
      id: 'PL-CODE-006',
      title: 'a v1 query without transType answers data.status FAILED',
      level: 'MUST',
      reading: 'P3',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: ['data-missing', 'failure-status-not-failed', 'status-lowercase', 'transtype-not-required'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      ensureEqual(ensureJsonObject(await t.use(missingTransTypeQuery)).data?.status, 'FAILED', 'data.status');
    },
  );

  p.check(
    {
      id: 'PL-CODE-007',
      title: 'a v1 query without transType answers the documented message',
      level: 'SHOULD',
      reading: 'P3',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: [
        'message-missing',
        'query-endpoint-missing',
        'transtype-not-required',
        'transtype-wrong-message',
      ],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      ensureEqual(
        ensureJsonObject(await t.use(missingTransTypeQuery)).message,
        TRANS_TYPE_MISSING_MESSAGE,
        'message',
      );
    },
  );

  p.check(
    {
      id: 'PL-CODE-008',
      title: 'a v2 pay without transType is not answered 22070030',
      level: 'MUST',
      reading: 'P3',
      endpoint: 'pay-v2',
      capability: 'v2',
      clause:
        '"charset": "UTF-8", "version": "2.0.0", "signType": "RSA", "memberId": "2023010558663764", "merchantId": "2023010558663764", "requestTime": "2024-05-24T14:29:32.682+08:00", "keyVersion": "1", "data": {',
      spec: { section: 'payloco acquiring/payment' },
      note: 'The v2 pay example carries no transType, so the profile does not require it there (P3); any other answer passes.',
      killedBy: ['transtype-required-everywhere'],
    },
    async (t) => {
      notTransTypeMissing(await t.use(v2Pay));
    },
  );

  p.check(
    {
      id: 'PL-CODE-009',
      title: 'a preAuthVoid without transType is not answered 22070030',
      level: 'MUST',
      reading: 'P3',
      endpoint: 'pre-auth-void',
      capability: 'preauth',
      clause:
        '"charset": "UTF-8", "version": "2.0.0", "signType": "RSA", "memberId": "2023010558663764", "merchantId": "2023010558663764", "requestTime": "2026-05-24T14:29:32.682+08:00", "keyVersion": "1"',
      spec: { section: 'payloco pre-auth-reversal' },
      note: 'The preAuthVoid example carries no transType, so the profile does not require it there (P3); any other answer passes.',
      killedBy: ['transtype-required-everywhere'],
    },
    async (t) => {
      notTransTypeMissing(await t.use(voidAnswer));
    },
  );
});
