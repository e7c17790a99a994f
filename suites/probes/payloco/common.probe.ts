import { check } from '../../../src/index.js';
import { ensureRejected, paths, qrPayBody, without } from './fixtures.js';

// P4: only version 2.0.0 is accepted, and version may not be left out (不能不传); merchantId is required.
describe('payloco · common parameters', () => {
  // check: a pay with version 1.0.0 is rejected
  check('PL-COM-001', async (t) => {
    const res = await t.post(paths.pay, qrPayBody(t, { version: '1.0.0' }));
    ensureRejected(res, 'a pay with version 1.0.0');
  });

  // check: a pay without version is rejected
  check('PL-COM-003', async (t) => {
    const res = await t.post(paths.pay, without(qrPayBody(t), 'version'));
    ensureRejected(res, 'a pay without version');
  });

  // check: a pay without merchantId is rejected
  check('PL-COM-002', async (t) => {
    const res = await t.post(paths.pay, without(qrPayBody(t), 'merchantId'));
    ensureRejected(res, 'a pay without merchantId');
  });
});
