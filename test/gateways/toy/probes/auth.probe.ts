import { type CheckContext, check, ensure, ensureStatus } from '../../../../src/index.js';

// T2: a request signed as the docs say is accepted; one without a signature gets HTTP 401.

const QUERY = '/toy/orders/query';

// The signed request carries a non-ASCII member: T2 signs the raw bytes, whatever they hold.
const query = (t: CheckContext, auth: 'valid' | 'none') =>
  t.post(QUERY, { order_id: t.uniqueId('TYA'), note: 'Zoë' }, { auth });

describe('toy · authentication', () => {
  // check: a request without a signature gets HTTP 401
  check('TY-AUTH-001', async (t) => {
    ensureStatus(await query(t, 'none'), [401]);
  });

  // check: a request signed as the docs say is accepted
  check('TY-AUTH-002', async (t) => {
    const res = await query(t, 'valid');
    ensure(res.status !== 401, 'a correctly signed request is refused with HTTP 401', 'not 401', res.status);
  });
});
