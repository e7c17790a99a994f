import { type CheckContext, ensure, ensureStatus, probes } from '../../../../src/index.js';

// T2: a request signed as the docs say is accepted; one without a signature gets HTTP 401.

const QUERY = '/toy/orders/query';

// The signed request carries a non-ASCII member: T2 signs the raw bytes, whatever they hold.
const query = (t: CheckContext, auth: 'valid' | 'none') =>
  t.post(QUERY, { order_id: t.uniqueId('TYA'), note: 'Zoë' }, { auth });

export default probes('toy · authentication', (p) => {
  p.check(
    {
      id: 'TY-AUTH-001',
      title: 'a request without a signature gets HTTP 401',
      level: 'MUST',
      reading: 'T2',
      endpoint: 'query',
      spec: { section: 'toy T2' },
      killedBy: ['unsigned-accepted'],
    },
    async (t) => {
      ensureStatus(await query(t, 'none'), [401]);
    },
  );

  p.check(
    {
      id: 'TY-AUTH-002',
      title: 'a request signed as the docs say is accepted',
      level: 'MUST',
      reading: 'T2',
      endpoint: 'query',
      spec: { section: 'toy T2' },
      killedBy: ['latin1-signature'],
    },
    async (t) => {
      const res = await query(t, 'valid');
      ensure(
        res.status !== 401,
        'a correctly signed request is refused with HTTP 401',
        'not 401',
        res.status,
      );
    },
  );
});
