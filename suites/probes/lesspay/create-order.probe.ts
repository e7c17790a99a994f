import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual } from '../../../src/checks/response.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
import { call, createBody, createPayin, orderAmount, PATH, queryFound, usable } from './fixtures.js';
import { BREAKS_SIGNED_CALLS, BREAKS_SIGNED_REQUESTS } from './precondition-faults.js';

// L7: create pay-in order. Each check creates its own order: the create answer is what it judges.

async function create(t: CheckContext) {
  return usable(await t.post(PATH.createPayin, createBody(t)), true, 'LP-AUTH-010').body;
}

/** The answer of a valid create that succeeded: a refusal is LP-CO-001's to judge, so here it stops the check. */
async function created(t: CheckContext) {
  const body = await create(t);
  if (body.code !== 0)
    throw new SetupError(`the valid create was refused (see LP-CO-001): code ${body.code}`, 'LP-CO-001');
  return body;
}

/**
 * The fields a duplicate create must not change, as the query shows them (not order_status: a gateway may
 * move a new order from PENDING_CONFIRM to PENDING_PAY on its own meanwhile).
 */
const STABLE = ['pay_order_id', 'request_id', 'target_currency', 'product_name', 'description'];

function snapshot(order: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = { amount: orderAmount(order) };
  for (const k of STABLE) if (k in order) out[k] = order[k];
  return out;
}

async function duplicate(t: CheckContext, requestId: string) {
  const body = createBody(t, {
    request_id: requestId,
    target_amount: '200.75',
    product_name: 'paycert duplicate',
    description: 'paycert duplicate create (must change nothing)',
  });
  return (await call(t, PATH.createPayin, body)).body;
}

export default probes('lesspay · create-order', (p) => {
  p.check(
    {
      id: 'LP-CO-001',
      title: 'a valid cashier create-order is answered with code 0',
      level: 'MUST',
      reading: 'L7',
      endpoint: 'create-order',
      capability: 'payin',
      clause:
        'Success: `code` 0 and `data.pay_order_id` (string) and, for `pay_access_type` 1, `data.checkout_url` (http(s) URL). MUST.',
      spec: { section: 'profile L7' },
      killedBy: ['500-on-valid-request', 'success-code-nonzero'],
      erroredBy: [...BREAKS_SIGNED_REQUESTS, 'code-as-string', 'data-not-object', 'msg-missing', 'msg-null'],
    },
    async (t) => {
      const body = await create(t);
      ensureEqual(body.code, 0, 'code of a valid cashier create');
    },
  );

  p.check(
    {
      id: 'LP-CO-002',
      title: "a created order's data.pay_order_id is a non-empty string",
      level: 'MUST',
      reading: 'L7',
      endpoint: 'create-order',
      capability: 'payin',
      clause:
        'Success: `code` 0 and `data.pay_order_id` (string) and, for `pay_access_type` 1, `data.checkout_url` (http(s) URL). MUST.',
      spec: { section: 'profile L7' },
      killedBy: ['pay-order-id-missing', 'pay-order-id-number'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request'],
    },
    async (t) => {
      const body = await created(t);
      const id = body.data?.pay_order_id;
      ensure(
        typeof id === 'string' && id !== '',
        'data.pay_order_id is not a non-empty string',
        'a string',
        id,
      );
    },
  );

  p.check(
    {
      id: 'LP-CO-003',
      title: 'a cashier create answers data.checkout_url, an absolute http(s) URL',
      level: 'MUST',
      reading: 'L7',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'Response: You will receive a checkout_url.',
      spec: { section: 'lesspay §4.1 Create Payin' },
      killedBy: ['checkout-url-missing', 'checkout-url-not-http'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request'],
    },
    async (t) => {
      const body = await created(t);
      const url = body.data?.checkout_url;
      let ok = false;
      try {
        ok = typeof url === 'string' && ['http:', 'https:'].includes(new URL(url).protocol);
      } catch {
        ok = false;
      }
      ensure(ok, 'data.checkout_url is not an absolute http(s) URL', 'an http(s) URL', url ?? '(absent)');
    },
  );

  p.check(
    {
      id: 'LP-CO-004',
      title: 'a second create with the same request_id gets code 1201',
      level: 'MUST',
      reading: 'L7',
      endpoint: 'create-order',
      capability: 'payin',
      clause:
        'A second create with the same `request_id` gets code 1201 and leaves the first order unchanged. MUST.',
      spec: { section: 'profile L7' },
      killedBy: ['code-outside-table', 'duplicate-code-not-1201', 'duplicate-request-id-accepted'],
      erroredBy: [...BREAKS_SIGNED_CALLS, '500-on-valid-request', 'errors-as-text'],
    },
    async (t) => {
      const first = await createPayin(t);
      const body = await duplicate(t, first.requestId);
      ensureEqual(body.code, 1201, 'code of a duplicate request_id');
    },
  );

  p.check(
    {
      id: 'LP-CO-005',
      title: 'a duplicate create leaves the first order unchanged',
      level: 'MUST',
      reading: 'L7',
      endpoint: 'create-order',
      capability: 'payin',
      clause:
        'A second create with the same `request_id` gets code 1201 and leaves the first order unchanged. MUST.',
      spec: { section: 'profile L7' },
      note: 'The duplicate carries another amount, product_name and description; the order as queried before and after it must agree on pay_order_id, request_id, amount, currency, names and status.',
      killedBy: ['duplicate-overwrites-order'],
      erroredBy: [
        ...BREAKS_SIGNED_CALLS,
        '500-on-valid-request',
        'errors-as-text',
        'string-numbers-rejected',
      ],
    },
    async (t) => {
      const first = await createPayin(t);
      const before = snapshot(await queryFound(t, first));
      await duplicate(t, first.requestId);
      const after = snapshot(await queryFound(t, first));
      ensureEqual(after, before, 'the first order as queried after the duplicate create');
    },
  );
});
