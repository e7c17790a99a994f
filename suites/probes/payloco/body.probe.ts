import { check } from '../../../src/index.js';
import { ensureNoOrder, ensureRejected, paths, qrPayBody } from './fixtures.js';

// P5 (seed FAQ): a POST carries its parameters in the body, not in the query string.
function asQueryString(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
}

describe('payloco · parameters in the body', () => {
  // check: a pay with its parameters in the query string and an empty body is rejected
  check('PL-BODY-001', async (t) => {
    const res = await t.request({ method: 'POST', path: paths.pay, query: asQueryString(qrPayBody(t)) });
    ensureRejected(res, 'a pay with its parameters in the query string');
  });

  // check: a pay with its parameters in the query string creates no order
  check('PL-BODY-002', async (t) => {
    const body = qrPayBody(t);
    await t.request({ method: 'POST', path: paths.pay, query: asQueryString(body) });
    await ensureNoOrder(t, body.merchantOrderId);
  });
});
