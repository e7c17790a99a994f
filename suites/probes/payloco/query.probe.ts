import { check, ensure, ensureEqual, ensureJsonObject, SetupError } from '../../../src/index.js';
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

// P9: query by merchantOrderId or orderId; unknown order fails; a found order shows its status, ids, currency and
// transAmt (a string); a reused merchantOrderId creates no second order.
const FOUND = 'the query by merchantOrderId';

describe('payloco · query', () => {
  // check: a query by merchantOrderId finds the order
  check('PL-QRY-001', async (t) => {
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
  });

  // check: a query by orderId finds the order
  check('PL-QRY-002', async (t) => {
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
  });

  // check: a found order carries the queried merchantOrderId
  check('PL-QRY-003', async (t) => {
    const { merchantOrderId } = await t.use(qrOrder);
    ensureEqual(
      foundData(await t.use(qrOrderQuery), FOUND).merchantOrderId,
      merchantOrderId,
      'data.merchantOrderId',
    );
  });

  // check: a found order carries a non-empty orderId
  check('PL-QRY-004', async (t) => {
    const { orderId } = foundData(await t.use(qrOrderQuery), FOUND);
    ensure(
      typeof orderId === 'string' && orderId !== '',
      'data.orderId is not a non-empty string',
      'a non-empty string',
      orderId,
    );
  });

  // check: a found order carries the currency sent
  check('PL-QRY-005', async (t) => {
    const { currency } = await t.use(qrOrder);
    ensureEqual(foundData(await t.use(qrOrderQuery), FOUND).currency, currency, 'data.currency');
  });

  // check: a found order carries transAmt as a string
  check('PL-QRY-006', async (t) => {
    const { transAmt } = foundData(await t.use(qrOrderQuery), FOUND);
    ensure(typeof transAmt === 'string', 'data.transAmt is not a string', 'a string', transAmt);
  });

  // check: a found order's transAmt equals the amount sent
  check('PL-QRY-007', async (t) => {
    const { transAmt } = await t.use(qrOrder);
    ensureEqual(foundData(await t.use(qrOrderQuery), FOUND).transAmt, transAmt, 'data.transAmt');
  });

  // check: a query of an unknown merchantOrderId answers a failure code
  check('PL-QRY-008', async (t) => {
    ensureRejected(
      await query(t, { merchantOrderId: t.uniqueId('PC', 32) }),
      'a query of an unknown merchantOrderId',
    );
  });

  // check: a query of a paid active QR order answers data.status SUCCESS
  check('PL-QRY-009', async (t) => {
    const paid = await t.use(paidQrOrder);
    if (paid.unpaid !== undefined) return t.skip(paid.unpaid);
    ensureEqual(ensureJsonObject(paid.settled).data?.status, 'SUCCESS', 'data.status of a paid order');
  });

  // check: a second pay with a used merchantOrderId answers a failure code
  check('PL-QRY-010', async (t) => {
    const { second } = await t.use(duplicatePay);
    ensureRejected(second, 'a second pay with the same merchantOrderId');
  });

  // check: a second pay with a used merchantOrderId leaves the first order unchanged
  check('PL-QRY-011', async (t) => {
    const { first, firstOrderId } = await t.use(duplicatePay);
    const data = foundData(await query(t, { merchantOrderId: first.merchantOrderId }), FOUND);
    ensureEqual(
      { orderId: firstOrderId === undefined ? undefined : data.orderId, transAmt: data.transAmt },
      { orderId: firstOrderId, transAmt: first.transAmt },
      'the order under the reused merchantOrderId',
    );
  });
});
