import { ensureStatus } from '../../../src/checks/response.js';
import { probes } from '../../../src/engine/probe-file.js';
import { PATH } from './fixtures.js';

// L4 and L5: routing. The requests are signed (over an empty body), so routing before or after
// authentication both pass.

export default probes('lesspay · routing', (p) => {
  p.check(
    {
      id: 'LP-METH-001',
      title: 'a GET on create-order gets HTTP 405',
      level: 'MUST',
      reading: 'L4',
      endpoint: 'create-order',
      capability: 'payin',
      clause: '405 | Method Not Allowed: Incorrect HTTP method (e.g., GET instead of POST)',
      spec: { section: 'lesspay §5.1 HTTP status codes' },
      killedBy: ['get-answered-200', 'payin-get-answered-404'],
    },
    async (t) => {
      ensureStatus(await t.request({ method: 'GET', path: PATH.createPayin }), [405]);
    },
  );

  p.check(
    {
      id: 'LP-METH-002',
      title: 'a GET on query-order gets HTTP 405',
      level: 'MUST',
      reading: 'L4',
      endpoint: 'query-order',
      capability: 'payin',
      clause: '405 | Method Not Allowed: Incorrect HTTP method (e.g., GET instead of POST)',
      spec: { section: 'lesspay §5.1 HTTP status codes' },
      killedBy: ['get-answered-200', 'payin-get-answered-404'],
    },
    async (t) => {
      ensureStatus(await t.request({ method: 'GET', path: PATH.queryPayin }), [405]);
    },
  );

  p.check(
    {
      id: 'LP-METH-003',
      title: 'a GET on payout create-order gets HTTP 405',
      level: 'SHOULD',
      reading: 'L4',
      endpoint: 'payout-create',
      capability: 'payout',
      spec: { section: 'profile L4' },
      killedBy: ['payout-405-missing', 'payout-get-answered-200'],
    },
    async (t) => {
      ensureStatus(await t.request({ method: 'GET', path: PATH.createPayout }), [405]);
    },
  );

  p.check(
    {
      id: 'LP-METH-004',
      title: 'a GET on payout batch create-order gets HTTP 405',
      level: 'SHOULD',
      reading: 'L4',
      endpoint: 'payout-batch',
      capability: 'payout',
      spec: { section: 'profile L4' },
      killedBy: ['payout-405-missing', 'payout-get-answered-200'],
    },
    async (t) => {
      ensureStatus(await t.request({ method: 'GET', path: PATH.createBatch }), [405]);
    },
  );

  p.check(
    {
      id: 'LP-METH-005',
      title: 'a GET on payout query gets HTTP 405',
      level: 'SHOULD',
      reading: 'L4',
      endpoint: 'payout-query',
      capability: 'payout',
      spec: { section: 'profile L4' },
      killedBy: ['payout-405-missing', 'payout-get-answered-200'],
    },
    async (t) => {
      ensureStatus(await t.request({ method: 'GET', path: PATH.queryPayout }), [405]);
    },
  );

  p.check(
    {
      id: 'LP-PATH-001',
      title: 'a POST to an unknown path gets HTTP 404',
      level: 'MUST',
      reading: 'L5',
      endpoint: 'any',
      capability: 'payin',
      clause: '404 | Not Found: The requested resource does not exist',
      spec: { section: 'lesspay §5.1 HTTP status codes' },
      killedBy: ['unknown-path-200'],
    },
    async (t) => {
      ensureStatus(await t.post('/api/global/v1/pay/paycert-no-such-endpoint', {}), [404]);
    },
  );
});
