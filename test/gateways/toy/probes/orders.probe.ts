import {
  ensureEqual,
  ensureJsonContentType,
  ensureJsonObject,
  ensureStatus,
  probes,
} from '../../../../src/index.js';

// T3: a created order is found by its query; an order that does not exist is answered status not-found.
// T1: answers are JSON objects, labelled application/json.

const CREATE = '/toy/orders';
const QUERY = '/toy/orders/query';

export default probes('toy · orders', (p) => {
  p.check(
    {
      id: 'TY-ORD-001',
      title: 'a created order is found by its query',
      level: 'MUST',
      reading: 'T3',
      endpoint: 'create',
      spec: { section: 'toy T3' },
      killedBy: ['orders-forgotten'],
    },
    async (t) => {
      const orderId = t.uniqueId('TYO');
      ensureStatus(await t.post(CREATE, { order_id: orderId, amount: '10.00' }), [200]);
      const found = ensureJsonObject(await t.post(QUERY, { order_id: orderId }));
      ensureEqual(found.status, 'found', 'query status of the created order');
      ensureEqual(found.order?.order_id, orderId, 'order_id of the order found');
    },
  );

  p.check(
    {
      id: 'TY-ORD-002',
      title: 'an order that does not exist is answered status not-found',
      level: 'MUST',
      reading: 'T3',
      endpoint: 'query',
      spec: { section: 'toy T3' },
      killedBy: ['unknown-order-found'],
    },
    async (t) => {
      const body = ensureJsonObject(await t.post(QUERY, { order_id: t.uniqueId('TYN') }));
      ensureEqual(body.status, 'not-found', 'query status of an order that does not exist');
    },
  );

  p.check(
    {
      id: 'TY-TR-001',
      title: 'answers are labelled application/json',
      level: 'SHOULD',
      reading: 'T1',
      endpoint: 'query',
      spec: { section: 'toy T1' },
      killedBy: ['text-plain-label'],
    },
    async (t) => {
      ensureJsonContentType(await t.post(QUERY, { order_id: t.uniqueId('TYT') }));
    },
  );
});
