import { check, ensure, ensureJsonObject, ensureOneOf } from '../../../src/index.js';
import { micropayOrder, PENDING, pollUntilSettled, SUCCESS } from './fixtures.js';

// P8: a passive-scan pay answers SUCCESS with 00000000, or PENDING with 00000003 and the query resolves it.
describe('payloco · MICROPAY', () => {
  // check: a MICROPAY pay answers SUCCESS with 00000000 or PENDING with 00000003
  check('PL-MP-001', async (t) => {
    const { res } = await t.use(micropayOrder);
    const body = ensureJsonObject(res);
    const pair = `${String(body.code)} ${String(body.data?.status)}`;
    ensureOneOf(pair, [`${SUCCESS} SUCCESS`, `${PENDING} PENDING`], 'code and data.status of a MICROPAY pay');
  });

  // check: a query shows a MICROPAY order in a final status within 4 seconds
  check('PL-MP-002', async (t) => {
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
  });
});
