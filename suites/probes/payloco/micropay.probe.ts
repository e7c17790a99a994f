import { check, ensure, ensureJsonObject, ensureOneOf } from '../../../src/index.js';
import { micropayOrder, PENDING, pollUntilSettled, SUCCESS } from './fixtures.js';

// P8: a passive-scan pay answers SUCCESS with 00000000, or PENDING with 00000003 and the query resolves it.
describe('payloco · MICROPAY', () => {
  check('PL-MP-001', async (t) => {
    const { res } = await t.use(micropayOrder);
    const body = ensureJsonObject(res);
    const pair = `${String(body.code)} ${String(body.data?.status)}`;
    ensureOneOf(pair, [`${SUCCESS} SUCCESS`, `${PENDING} PENDING`], 'code and data.status of a MICROPAY pay');
  });

  check('PL-MP-002', async (t) => {
    const { merchantOrderId, res } = await t.use(micropayOrder);
    const status = res.body?.data?.status;
    if (status !== 'PENDING')
      return t.skip(`the MICROPAY pay answered ${String(status)}: nothing to resolve`);
    const settled = await pollUntilSettled(t, { merchantOrderId }, 8, 500);
    const final = settled.body?.data?.status;
    ensure(
      ['SUCCESS', 'FAILED', 'CLOSED'].includes(final),
      'the query still does not show a final status for the MICROPAY order',
      'SUCCESS, FAILED or CLOSED',
      { code: settled.body?.code, status: final },
    );
  });
});
