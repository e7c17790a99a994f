import { check, ensure, ensureEqual, ensureJsonObject, type ProbeResponse } from '../../../src/index.js';
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

describe('payloco · codes', () => {
  // check: a query of a paid active QR order answers code 00000000
  check('PL-CODE-001', async (t) => {
    const paid = await t.use(paidQrOrder);
    if (paid.unpaid !== undefined) return t.skip(paid.unpaid);
    ensureEqual(ensureJsonObject(paid.settled).code, SUCCESS, 'code of a query of a paid order');
  });

  // check: a v1 pay without transType answers code 22070030
  check('PL-CODE-002', async (t) => {
    ensureEqual(ensureJsonObject(await t.use(missingTransTypePay)).code, TRANS_TYPE_MISSING, 'code');
  });

  // check: a v1 pay without transType answers data.status FAILED
  check('PL-CODE-003', async (t) => {
    ensureEqual(ensureJsonObject(await t.use(missingTransTypePay)).data?.status, 'FAILED', 'data.status');
  });

  // check: a v1 pay without transType answers the documented message
  check('PL-CODE-004', async (t) => {
    ensureEqual(
      ensureJsonObject(await t.use(missingTransTypePay)).message,
      TRANS_TYPE_MISSING_MESSAGE,
      'message',
    );
  });

  // check: a v1 query without transType answers code 22070030
  check('PL-CODE-005', async (t) => {
    ensureEqual(ensureJsonObject(await t.use(missingTransTypeQuery)).code, TRANS_TYPE_MISSING, 'code');
  });

  // check: a v1 query without transType answers data.status FAILED
  check('PL-CODE-006', async (t) => {
    ensureEqual(ensureJsonObject(await t.use(missingTransTypeQuery)).data?.status, 'FAILED', 'data.status');
  });

  // check: a v1 query without transType answers the documented message
  check('PL-CODE-007', async (t) => {
    ensureEqual(
      ensureJsonObject(await t.use(missingTransTypeQuery)).message,
      TRANS_TYPE_MISSING_MESSAGE,
      'message',
    );
  });

  // check: a v2 pay without transType is not answered 22070030
  check('PL-CODE-008', async (t) => {
    notTransTypeMissing(await t.use(v2Pay));
  });

  // check: a preAuthVoid without transType is not answered 22070030
  check('PL-CODE-009', async (t) => {
    notTransTypeMissing(await t.use(voidAnswer));
  });
});
