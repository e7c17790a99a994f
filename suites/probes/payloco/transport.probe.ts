import { check, ensureJsonContentType } from '../../../src/index.js';
import { qrOrder, qrOrderQuery, rejectedPay } from './fixtures.js';

// P1: every response is application/json; a charset parameter is allowed.
describe('payloco · transport', () => {
  // check: an active QR pay answer has Content-Type application/json
  check('PL-TR-001', async (t) => {
    const { res } = await t.use(qrOrder);
    ensureJsonContentType(res);
  });

  // check: a query answer has Content-Type application/json
  check('PL-TR-002', async (t) => {
    ensureJsonContentType(await t.use(qrOrderQuery));
  });

  // check: a rejected request gets an answer with Content-Type application/json
  check('PL-TR-003', async (t) => {
    ensureJsonContentType(await t.use(rejectedPay));
  });
});
