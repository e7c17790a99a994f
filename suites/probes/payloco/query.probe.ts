import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual, ensureJsonObject } from '../../../src/checks/response.js';
import { SetupError } from '../../../src/core/outcome.js';
import { probes } from '../../../src/engine/probe-file.js';
import {
  accepted,
  duplicatePay,
  ensureRejected,
  foundData,
  paidQrOrder,
  qrOrder,
  qrOrderQuery,
  query,
} from './fixtures.js';
import { BREAKS_ORDER_SETUP, BREAKS_QUERY_BY_MERCHANT_ORDER_ID } from './precondition-faults.js';

// P9: query by merchantOrderId or orderId; unknown order fails; a found order shows its status, ids, currency and
// transAmt (a string); a reused merchantOrderId creates no second order.
const FOUND = 'the query by merchantOrderId';

export default probes('payloco · query', (p) => {
  p.check(
    {
      id: 'PL-QRY-001',
      title: 'a query by merchantOrderId finds the order',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      clause: '"merchantOrderId": "<string>",',
      spec: { section: 'payloco acquiring/transaction-query' },
      killedBy: ['query-by-merchant-order-id-ignored', 'query-endpoint-missing'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      const res = await t.use(qrOrderQuery);
      ensure(
        accepted(res) !== undefined,
        'the order was not found by merchantOrderId',
        'code 00000000 or 00000003',
        {
          status: res.status,
          code: res.body?.code,
        },
      );
    },
  );

  p.check(
    {
      id: 'PL-QRY-002',
      title: 'a query by orderId finds the order',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      clause: '"orderId": "<string>"',
      spec: { section: 'payloco acquiring/transaction-query' },
      note: 'The orderId comes from the pay answer, else from the query by merchantOrderId.',
      killedBy: ['query-by-order-id-ignored', 'query-endpoint-missing'],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      const { res: pay } = await t.use(qrOrder);
      let orderId = pay.body?.data?.orderId;
      if (typeof orderId !== 'string' || orderId === '')
        orderId = foundData(await t.use(qrOrderQuery), FOUND).orderId;
      if (typeof orderId !== 'string' || orderId === '') {
        throw new SetupError('neither the pay answer nor the query by merchantOrderId names an orderId');
      }
      const res = await query(t, { orderId });
      ensure(accepted(res) !== undefined, 'the order was not found by orderId', 'code 00000000 or 00000003', {
        status: res.status,
        code: res.body?.code,
      });
    },
  );

  p.check(
    {
      id: 'PL-QRY-003',
      title: 'a found order carries the queried merchantOrderId',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco acquiring/transaction-query' },
      killedBy: ['query-wrong-merchant-order-id'],
      erroredBy: [...BREAKS_ORDER_SETUP, ...BREAKS_QUERY_BY_MERCHANT_ORDER_ID, 'data-missing'],
    },
    async (t) => {
      const { merchantOrderId } = await t.use(qrOrder);
      ensureEqual(
        foundData(await t.use(qrOrderQuery), FOUND).merchantOrderId,
        merchantOrderId,
        'data.merchantOrderId',
      );
    },
  );

  p.check(
    {
      id: 'PL-QRY-004',
      title: 'a found order carries a non-empty orderId',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco acquiring/transaction-query' },
      killedBy: ['query-missing-order-id'],
      erroredBy: [...BREAKS_ORDER_SETUP, ...BREAKS_QUERY_BY_MERCHANT_ORDER_ID, 'data-missing'],
    },
    async (t) => {
      const { orderId } = foundData(await t.use(qrOrderQuery), FOUND);
      ensure(
        typeof orderId === 'string' && orderId !== '',
        'data.orderId is not a non-empty string',
        'a non-empty string',
        orderId,
      );
    },
  );

  p.check(
    {
      id: 'PL-QRY-005',
      title: 'a found order carries the currency sent',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco acquiring/transaction-query' },
      killedBy: ['query-wrong-currency'],
      erroredBy: [...BREAKS_ORDER_SETUP, ...BREAKS_QUERY_BY_MERCHANT_ORDER_ID, 'data-missing'],
    },
    async (t) => {
      const { currency } = await t.use(qrOrder);
      ensureEqual(foundData(await t.use(qrOrderQuery), FOUND).currency, currency, 'data.currency');
    },
  );

  p.check(
    {
      id: 'PL-QRY-006',
      title: 'a found order carries transAmt as a string',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco acquiring/transaction-query' },
      killedBy: ['query-amount-number'],
      erroredBy: [...BREAKS_ORDER_SETUP, ...BREAKS_QUERY_BY_MERCHANT_ORDER_ID, 'data-missing'],
    },
    async (t) => {
      const { transAmt } = foundData(await t.use(qrOrderQuery), FOUND);
      ensure(typeof transAmt === 'string', 'data.transAmt is not a string', 'a string', transAmt);
    },
  );

  p.check(
    {
      id: 'PL-QRY-007',
      title: "a found order's transAmt equals the amount sent",
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco acquiring/transaction-query' },
      note: 'Compared as the same string ("20.01"); the docs do not say the amount is reformatted.',
      killedBy: ['query-amount-number', 'query-wrong-amount'],
      erroredBy: [...BREAKS_ORDER_SETUP, ...BREAKS_QUERY_BY_MERCHANT_ORDER_ID, 'data-missing'],
    },
    async (t) => {
      const { transAmt } = await t.use(qrOrder);
      ensureEqual(foundData(await t.use(qrOrderQuery), FOUND).transAmt, transAmt, 'data.transAmt');
    },
  );

  p.check(
    {
      id: 'PL-QRY-008',
      title: 'a query of an unknown merchantOrderId answers a failure code',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      clause: 'unknown order is a failure code',
      spec: { section: 'paycert profile P9' },
      killedBy: ['query-unknown-succeeds'],
    },
    async (t) => {
      ensureRejected(
        await query(t, { merchantOrderId: t.uniqueId('PC', 32) }),
        'a query of an unknown merchantOrderId',
      );
    },
  );

  p.check(
    {
      id: 'PL-QRY-009',
      title: 'a query of a paid active QR order answers data.status SUCCESS',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      clause:
        'For payment, refund, and reversal orders, the success or failure is determined by the value of status.',
      spec: { section: 'payloco public-body/response' },
      note: "The order is paid through the qrCode page of the target (the mock's simulator); skipped where the target offers no such page on its own host. The query is polled up to 5 times.",
      killedBy: [
        'query-by-merchant-order-id-ignored',
        'query-endpoint-missing',
        'query-paid-still-pending',
        'status-lowercase',
      ],
      erroredBy: [...BREAKS_ORDER_SETUP, 'data-missing'],
    },
    async (t) => {
      const paid = await t.use(paidQrOrder);
      if (paid.unpaid !== undefined) return t.skip(paid.unpaid);
      ensureEqual(ensureJsonObject(paid.settled).data?.status, 'SUCCESS', 'data.status of a paid order');
    },
  );

  p.check(
    {
      id: 'PL-QRY-010',
      title: 'a second pay with a used merchantOrderId answers a failure code',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'pay',
      capability: 'payin',
      clause: 'Duplicate `merchantOrderId` on pay MUST NOT create a second order.',
      spec: { section: 'paycert profile P9' },
      killedBy: ['duplicate-merchant-order-creates-second'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      const { second } = await t.use(duplicatePay);
      ensureRejected(second, 'a second pay with the same merchantOrderId');
    },
  );

  p.check(
    {
      id: 'PL-QRY-011',
      title: 'a second pay with a used merchantOrderId leaves the first order unchanged',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'query',
      capability: 'payin',
      clause: 'Duplicate `merchantOrderId` on pay MUST NOT create a second order.',
      spec: { section: 'paycert profile P9' },
      note: 'The second pay uses another amount; the query by merchantOrderId must still show the first orderId and amount.',
      killedBy: [
        'duplicate-merchant-order-creates-second',
        'query-amount-number',
        'query-missing-order-id',
        'query-wrong-amount',
      ],
      erroredBy: [...BREAKS_ORDER_SETUP, ...BREAKS_QUERY_BY_MERCHANT_ORDER_ID, 'data-missing'],
    },
    async (t) => {
      const { first, firstOrderId } = await t.use(duplicatePay);
      const data = foundData(await query(t, { merchantOrderId: first.merchantOrderId }), FOUND);
      ensureEqual(
        { orderId: firstOrderId === undefined ? undefined : data.orderId, transAmt: data.transAmt },
        { orderId: firstOrderId, transAmt: first.transAmt },
        'the order under the reused merchantOrderId',
      );
    },
  );
});
