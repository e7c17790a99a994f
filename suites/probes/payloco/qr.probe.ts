import { check, ensureEqual, ensureJsonObject, ensureOneOf } from '../../../src/index.js';
import { PENDING, paths, qrOrder, qrOrderQuery, qrPayBody, SUCCESS } from './fixtures.js';

// P7: an active QR pay is accepted and awaits payment (00000003, PENDING); a query shows PENDING until paid.
describe('payloco · active QR', () => {
  // check: an active QR pay answers code 00000003
  check('PL-QR-001', async (t) => {
    const { res } = await t.use(qrOrder);
    ensureEqual(ensureJsonObject(res).code, PENDING, 'code of an active QR pay');
  });

  // check: an active QR pay answers data.status PENDING
  check('PL-QR-002', async (t) => {
    const { res } = await t.use(qrOrder);
    ensureEqual(ensureJsonObject(res).data?.status, 'PENDING', 'data.status of an active QR pay');
  });

  // check: payMode QRCODE with an authCode is answered as active QR (00000003, PENDING)
  check('PL-QR-003', async (t) => {
    // Precondition: a plain active QR pay is accepted. The docs' example carries both payMode QRCODE and an authCode.
    await t.use(qrOrder);
    const res = await t.post(paths.pay, qrPayBody(t, { authCode: '133788758877188822' }));
    const body = ensureJsonObject(res);
    ensureEqual(
      { code: body.code, status: body.data?.status },
      { code: PENDING, status: 'PENDING' },
      'code and data.status of a QRCODE pay with an authCode',
    );
  });

  // check: a query of an unpaid active QR order answers data.status PENDING
  check('PL-QR-004', async (t) => {
    ensureEqual(
      ensureJsonObject(await t.use(qrOrderQuery)).data?.status,
      'PENDING',
      'data.status of an unpaid order',
    );
  });

  // check: a query of an unpaid active QR order answers code 00000000 or 00000003
  check('PL-QR-005', async (t) => {
    ensureOneOf(
      ensureJsonObject(await t.use(qrOrderQuery)).code,
      [SUCCESS, PENDING],
      'code of a query of an unpaid order',
    );
  });
});
