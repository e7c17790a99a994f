import { check, ensureStatus } from '../../../src/index.js';
import { PATH } from './fixtures.js';

// L4 and L5: routing. The requests are signed (over an empty body), so routing before or after
// authentication both pass.

describe('lesspay · routing', () => {
  // check: a GET on create-order gets HTTP 405
  check('LP-METH-001', async (t) => {
    ensureStatus(await t.request({ method: 'GET', path: PATH.createPayin }), [405]);
  });

  // check: a GET on query-order gets HTTP 405
  check('LP-METH-002', async (t) => {
    ensureStatus(await t.request({ method: 'GET', path: PATH.queryPayin }), [405]);
  });

  // check: a GET on payout create-order gets HTTP 405
  check('LP-METH-003', async (t) => {
    ensureStatus(await t.request({ method: 'GET', path: PATH.createPayout }), [405]);
  });

  // check: a GET on payout batch create-order gets HTTP 405
  check('LP-METH-004', async (t) => {
    ensureStatus(await t.request({ method: 'GET', path: PATH.createBatch }), [405]);
  });

  // check: a GET on payout query gets HTTP 405
  check('LP-METH-005', async (t) => {
    ensureStatus(await t.request({ method: 'GET', path: PATH.queryPayout }), [405]);
  });

  // check: a POST to an unknown path gets HTTP 404
  check('LP-PATH-001', async (t) => {
    ensureStatus(await t.post('/api/global/v1/pay/paycert-no-such-endpoint', {}), [404]);
  });
});
