import {
  check,
  ensureEqual,
  ensureJsonContentType,
  ensureJsonObject,
  ensureStatus,
} from '../../../../src/index.js';

// T3: a created order is found by its query; an order that does not exist is answered status not-found.
// T1: answers are JSON objects, labelled application/json.

const CREATE = '/toy/orders';
const QUERY = '/toy/orders/query';

describe('toy · orders', () => {
  // check: a created order is found by its query
  check('TY-ORD-001', async (t) => {
    const orderId = t.uniqueId('TYO');
    ensureStatus(await t.post(CREATE, { order_id: orderId, amount: '10.00' }), [200]);
    const found = ensureJsonObject(await t.post(QUERY, { order_id: orderId }));
    ensureEqual(found.status, 'found', 'query status of the created order');
    ensureEqual(found.order?.order_id, orderId, 'order_id of the order found');
  });

  // check: an order that does not exist is answered status not-found
  check('TY-ORD-002', async (t) => {
    const body = ensureJsonObject(await t.post(QUERY, { order_id: t.uniqueId('TYN') }));
    ensureEqual(body.status, 'not-found', 'query status of an order that does not exist');
  });

  // check: answers are labelled application/json
  check('TY-TR-001', async (t) => {
    ensureJsonContentType(await t.post(QUERY, { order_id: t.uniqueId('TYT') }));
  });
});
