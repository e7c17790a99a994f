import { ensureEqual, ensureJsonObject, ensureOneOf } from '../../../src/checks/response.js';
import { probes } from '../../../src/engine/probe-file.js';
import { PENDING, paths, qrOrder, qrOrderQuery, qrPayBody, SUCCESS } from './fixtures.js';
import { BREAKS_ORDER_SETUP } from './precondition-faults.js';

// P7: an active QR pay is accepted and awaits payment (00000003, PENDING); a query shows PENDING until paid.
export default probes('payloco · active QR', (p) => {
  p.check(
    {
      id: 'PL-QR-001',
      title: 'an active QR pay answers code 00000003',
      level: 'MUST',
      reading: 'P7',
      endpoint: 'pay',
      capability: 'payin',
      clause:
        'Active QR code payment is asynchronous. A code of 00000003 means the business request was accepted and is awaiting user payment. The order will show as PENDING.',
      spec: { section: 'payloco public-body/response' },
      killedBy: ['code-numeric', 'code-seven-digits', 'qr-code-not-00000003', 'qr-success-immediately'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      const { res } = await t.use(qrOrder);
      ensureEqual(ensureJsonObject(res).code, PENDING, 'code of an active QR pay');
    },
  );

  p.check(
    {
      id: 'PL-QR-002',
      title: 'an active QR pay answers data.status PENDING',
      level: 'MUST',
      reading: 'P7',
      endpoint: 'pay',
      capability: 'payin',
      clause:
        'Active QR code payment is asynchronous. A code of 00000003 means the business request was accepted and is awaiting user payment. The order will show as PENDING.',
      spec: { section: 'payloco public-body/response' },
      killedBy: ['data-missing', 'qr-success-immediately', 'status-lowercase'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      const { res } = await t.use(qrOrder);
      ensureEqual(ensureJsonObject(res).data?.status, 'PENDING', 'data.status of an active QR pay');
    },
  );

  p.check(
    {
      id: 'PL-QR-003',
      title: 'payMode QRCODE with an authCode is answered as active QR (00000003, PENDING)',
      level: 'MUST',
      reading: 'P7',
      endpoint: 'pay',
      capability: 'payin',
      clause: '"payMode": "QRCODE", … "authCode": "133788758877188822"',
      spec: { section: 'payloco acquiring/payment' },
      note: "The docs' pay example carries both payMode QRCODE and an authCode: QRCODE wins (profile P7).",
      killedBy: [
        'code-numeric',
        'code-seven-digits',
        'data-missing',
        'qr-code-not-00000003',
        'qr-success-immediately',
        'status-lowercase',
      ],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      // Precondition: a plain active QR pay is accepted. The docs' example carries both payMode QRCODE and an authCode.
      await t.use(qrOrder);
      const res = await t.post(paths.pay, qrPayBody(t, { authCode: '133788758877188822' }));
      const body = ensureJsonObject(res);
      ensureEqual(
        { code: body.code, status: body.data?.status },
        { code: PENDING, status: 'PENDING' },
        'code and data.status of a QRCODE pay with an authCode',
      );
    },
  );

  p.check(
    {
      id: 'PL-QR-004',
      title: 'a query of an unpaid active QR order answers data.status PENDING',
      level: 'MUST',
      reading: 'P7',
      endpoint: 'query',
      capability: 'payin',
      clause:
        'The order will show as PENDING. The payment result can be retrieved by querying the transaction order manually.',
      spec: { section: 'payloco public-body/response' },
      killedBy: [
        'data-missing',
        'qr-success-immediately',
        'query-by-merchant-order-id-ignored',
        'query-endpoint-missing',
        'query-pending-shows-success',
        'status-lowercase',
      ],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      ensureEqual(
        ensureJsonObject(await t.use(qrOrderQuery)).data?.status,
        'PENDING',
        'data.status of an unpaid order',
      );
    },
  );

  p.check(
    {
      id: 'PL-QR-005',
      title: 'a query of an unpaid active QR order answers code 00000000 or 00000003',
      level: 'MUST',
      reading: 'P7',
      endpoint: 'query',
      capability: 'payin',
      clause:
        'The order will show as PENDING. The payment result can be retrieved by querying the transaction order manually.',
      spec: { section: 'payloco public-body/response' },
      note: 'The seed does not say which code a query of a pending order carries; both are accepted (profile P3).',
      killedBy: [
        'code-numeric',
        'code-seven-digits',
        'query-by-merchant-order-id-ignored',
        'query-endpoint-missing',
      ],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      ensureOneOf(
        ensureJsonObject(await t.use(qrOrderQuery)).code,
        [SUCCESS, PENDING],
        'code of a query of an unpaid order',
      );
    },
  );
});
