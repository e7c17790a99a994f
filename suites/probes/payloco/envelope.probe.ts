import { check, ensure, ensureEqual, ensureJsonObject, ensureSchema } from '../../../src/index.js';
import { missingTransTypePay, qrOrder, qrOrderQuery, query, rejectedPay, v2Pay } from './fixtures.js';

// P2: the unified envelope of the seed. The schema allows members the docs do not list.
const ENVELOPE = 'payloco/envelope.schema.json';
// The query answer is judged whole: the envelope plus the found order's data (P9), completeTime absent, null or a string.
const QUERY_ANSWER = 'payloco/query-response.schema.json';

describe('payloco · envelope', () => {
  // check: an active QR pay answer is the unified envelope
  check('PL-ENV-001', async (t) => {
    const { res } = await t.use(qrOrder);
    ensureSchema(ensureJsonObject(res), ENVELOPE);
  });

  // check: a pay rejected for a missing transType answers the unified envelope
  check('PL-ENV-002', async (t) => {
    ensureSchema(ensureJsonObject(await t.use(missingTransTypePay)), ENVELOPE);
  });

  // check: a query of an existing order answers the unified envelope with the order's data
  check('PL-ENV-003', async (t) => {
    ensureSchema(ensureJsonObject(await t.use(qrOrderQuery)), QUERY_ANSWER);
  });

  // check: a v2 pay answers the unified envelope
  check('PL-ENV-004', async (t) => {
    ensureSchema(ensureJsonObject(await t.use(v2Pay)), ENVELOPE);
  });

  // check: two responses carry different traceIds
  check('PL-ENV-005', async (t) => {
    const { merchantOrderId } = await t.use(qrOrder);
    const first = ensureJsonObject(await query(t, { merchantOrderId }));
    const second = ensureJsonObject(await query(t, { merchantOrderId }));
    ensure(
      typeof first.traceId === 'string' && typeof second.traceId === 'string',
      'a response carries no traceId string',
      'two traceId strings',
      [first.traceId, second.traceId],
    );
    ensure(first.traceId !== second.traceId, 'two responses carry the same traceId', 'different traceIds', [
      first.traceId,
      second.traceId,
    ]);
  });

  // check: a rejected request answers data.status FAILED
  check('PL-ENV-006', async (t) => {
    const body = ensureJsonObject(await t.use(rejectedPay));
    ensureEqual(body.data?.status, 'FAILED', 'data.status of a failure');
  });
});
