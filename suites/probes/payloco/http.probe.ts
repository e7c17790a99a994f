import { ensureStatus } from '../../../src/checks/response.js';
import { probes } from '../../../src/engine/probe-file.js';
import { commonParams, paths } from './fixtures.js';

// HTTP statuses are undocumented beyond "standard HTTP response codes": 404 and 405 are SHOULD.
export default probes('payloco · HTTP statuses', (p) => {
  p.check(
    {
      id: 'PL-HTTP-001',
      title: 'an unknown path gets HTTP 404',
      level: 'SHOULD',
      reading: 'P1',
      endpoint: 'any',
      clause: 'Our APIs accept and return JSON in the HTTP body and return standard HTTP response codes.',
      spec: { section: 'payloco api-reference/introduction' },
      note: 'HTTP statuses are undocumented beyond "standard HTTP response codes" (profile): SHOULD.',
      killedBy: ['unknown-path-200'],
    },
    async (t) => {
      const res = await t.post('/v1/payments/open/api/paycertNoSuchEndpoint', commonParams(t));
      ensureStatus(res, [404], 'HTTP status of an unknown path');
    },
  );

  p.check(
    {
      id: 'PL-HTTP-002',
      title: 'a GET on the pay endpoint gets HTTP 405',
      level: 'SHOULD',
      reading: 'P1',
      endpoint: 'pay',
      clause: 'Our APIs accept and return JSON in the HTTP body and return standard HTTP response codes.',
      spec: { section: 'payloco api-reference/introduction' },
      note: 'HTTP statuses are undocumented beyond "standard HTTP response codes" (profile): SHOULD.',
      killedBy: ['get-answered-200', 'pay-v1-missing'],
    },
    async (t) => {
      const res = await t.request({ method: 'GET', path: paths.pay });
      ensureStatus(res, [405], 'HTTP status of a GET on the pay endpoint');
    },
  );
});
