import { ensure } from '../../../src/checks/assert.js';
import { ensureJsonObject, ensureOneOf } from '../../../src/checks/response.js';
import { probes } from '../../../src/engine/probe-file.js';
import { micropayOrder, PENDING, pollUntilSettled, SUCCESS } from './fixtures.js';

// P8: a passive-scan pay answers SUCCESS with 00000000, or PENDING with 00000003 and the query resolves it.
export default probes('payloco · MICROPAY', (p) => {
  p.check(
    {
      id: 'PL-MP-001',
      title: 'a MICROPAY pay answers SUCCESS with 00000000 or PENDING with 00000003',
      level: 'MUST',
      reading: 'P8',
      endpoint: 'pay',
      capability: 'micropay',
      clause:
        'For WeChat passive scan payment (MICROPAY), if the user pays successfully, SUCCESS is returned directly. If a network error or timeout occurs, PENDING is returned — query the transaction result via the query API.',
      spec: { section: 'payloco public-body/response' },
      note: 'MICROPAY is a pay with an authCode and payMode MICROPAY (not QRCODE).',
      killedBy: [
        '500-on-valid-request',
        'code-numeric',
        'code-seven-digits',
        'data-missing',
        'micropay-failed',
        'micropay-success-code-pending',
        'pay-v1-missing',
        'signature-sha1',
        'status-lowercase',
      ],
    },
    async (t) => {
      const { res } = await t.use(micropayOrder);
      const body = ensureJsonObject(res);
      const pair = `${String(body.code)} ${String(body.data?.status)}`;
      ensureOneOf(
        pair,
        [`${SUCCESS} SUCCESS`, `${PENDING} PENDING`],
        'code and data.status of a MICROPAY pay',
      );
    },
  );

  p.check(
    {
      id: 'PL-MP-002',
      title: 'a query shows a MICROPAY order in a final status within 4 seconds',
      level: 'SHOULD',
      reading: 'P8',
      endpoint: 'query',
      capability: 'micropay',
      clause:
        'For WeChat passive scan payment (MICROPAY), if the user pays successfully, SUCCESS is returned directly. If a network error or timeout occurs, PENDING is returned — query the transaction result via the query API.',
      spec: { section: 'payloco public-body/response' },
      note: "How long a timed-out MICROPAY takes to resolve is undocumented: an order still PENDING after the probe's wait (the query polled 8 times, 500 ms apart) is a SHOULD failure, never a MUST one (profile P8). A pay answered SUCCESS must stay SUCCESS; a PENDING one may resolve to SUCCESS, FAILED or CLOSED.",
      killedBy: [
        'data-missing',
        'query-by-merchant-order-id-ignored',
        'query-endpoint-missing',
        'status-lowercase',
      ],
    },
    async (t) => {
      const { merchantOrderId, res } = await t.use(micropayOrder);
      const answered = res.body?.data?.status;
      const settled = await pollUntilSettled(t, { merchantOrderId }, 8, 500);
      const final = settled.body?.data?.status;
      // A pay answered SUCCESS is final; a PENDING one may resolve either way.
      const allowed = answered === 'SUCCESS' ? ['SUCCESS'] : ['SUCCESS', 'FAILED', 'CLOSED'];
      ensure(
        allowed.includes(final),
        'the query does not show the MICROPAY order in a final status',
        allowed.join(' or '),
        {
          pay: { code: res.body?.code, status: answered },
          query: { code: settled.body?.code, status: final },
        },
      );
    },
  );
});
