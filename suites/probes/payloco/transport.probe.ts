import { check, ensureJsonContentType } from '../../../src/index.js';
import { qrOrder, qrOrderQuery, rejectedPay } from './fixtures.js';

// P1: every response is application/json; a charset parameter is allowed.
describe('payloco · transport', () => {
  check('PL-TR-001', async (t) => {
    const { res } = await t.use(qrOrder);
    ensureJsonContentType(res);
  });

  check('PL-TR-002', async (t) => {
    ensureJsonContentType(await t.use(qrOrderQuery));
  });

  check('PL-TR-003', async (t) => {
    ensureJsonContentType(await t.use(rejectedPay));
  });
});
