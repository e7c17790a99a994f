import { ensureJsonContentType } from '../../../src/checks/response.js';
import { probes } from '../../../src/engine/probe-file.js';
import { qrOrder, qrOrderQuery, rejectedPay } from './fixtures.js';
import { BREAKS_ORDER_SETUP } from './precondition-faults.js';

// P1: every response is application/json; a charset parameter is allowed.
export default probes('payloco · transport', (p) => {
  p.check(
    {
      id: 'PL-TR-001',
      title: 'an active QR pay answer has Content-Type application/json',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: ['html-content-type'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      const { res } = await t.use(qrOrder);
      ensureJsonContentType(res);
    },
  );

  p.check(
    {
      id: 'PL-TR-002',
      title: 'a query answer has Content-Type application/json',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      killedBy: ['html-content-type'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      ensureJsonContentType(await t.use(qrOrderQuery));
    },
  );

  p.check(
    {
      id: 'PL-TR-003',
      title: 'a rejected request gets an answer with Content-Type application/json',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco public-body/response' },
      note: 'The rejected request is an unsigned pay with version 1.0.0, so that no single lenient rule makes it succeed. A charset parameter is allowed.',
      killedBy: ['html-content-type'],
    },
    async (t) => {
      ensureJsonContentType(await t.use(rejectedPay));
    },
  );
});
