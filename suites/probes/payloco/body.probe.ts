import { probes } from '../../../src/engine/probe-file.js';
import { ensureNoOrder, ensureRejected, paths, qrPayBody } from './fixtures.js';

// P5 (seed FAQ): a POST carries its parameters in the body, not in the query string.
function asQueryString(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
}

export default probes('payloco · parameters in the body', (p) => {
  p.check(
    {
      id: 'PL-BODY-001',
      title: 'a pay with its parameters in the query string and an empty body is rejected',
      level: 'MUST',
      reading: 'P5',
      endpoint: 'pay',
      capability: 'payin',
      clause:
        'For POST requests, all parameters must be placed in the request body — not in the query string.',
      spec: { section: 'payloco public-body/response' },
      note: 'Rejected means a failure code, or an HTTP 4xx without an envelope.',
      killedBy: ['query-string-params-accepted'],
    },
    async (t) => {
      const res = await t.request({ method: 'POST', path: paths.pay, query: asQueryString(qrPayBody(t)) });
      ensureRejected(res, 'a pay with its parameters in the query string');
    },
  );

  p.check(
    {
      id: 'PL-BODY-002',
      title: 'a pay with its parameters in the query string creates no order',
      level: 'MUST',
      reading: 'P5',
      endpoint: 'pay',
      capability: 'payin',
      clause:
        'For POST requests, all parameters must be placed in the request body — not in the query string.',
      spec: { section: 'payloco public-body/response' },
      note: 'Observed through a query by merchantOrderId; the run first confirms that the query answers an unknown order with a failure code (else the check is an error).',
      killedBy: ['query-string-params-accepted'],
      erroredBy: ['query-unknown-succeeds'],
    },
    async (t) => {
      const body = qrPayBody(t);
      await t.request({ method: 'POST', path: paths.pay, query: asQueryString(body) });
      await ensureNoOrder(t, body.merchantOrderId);
    },
  );
});
