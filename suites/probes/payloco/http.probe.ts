import { check, ensureStatus } from '../../../src/index.js';
import { commonParams, paths } from './fixtures.js';

// HTTP statuses are undocumented beyond "standard HTTP response codes": 404 and 405 are SHOULD.
describe('payloco · HTTP statuses', () => {
  // check: an unknown path gets HTTP 404
  check('PL-HTTP-001', async (t) => {
    const res = await t.post('/v1/payments/open/api/paycertNoSuchEndpoint', commonParams(t));
    ensureStatus(res, [404], 'HTTP status of an unknown path');
  });

  // check: a GET on the pay endpoint gets HTTP 405
  check('PL-HTTP-002', async (t) => {
    const res = await t.request({ method: 'GET', path: paths.pay });
    ensureStatus(res, [405], 'HTTP status of a GET on the pay endpoint');
  });
});
