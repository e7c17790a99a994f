import { ensure } from '../../../src/checks/assert.js';
import { ensureEqual, ensureOneOf } from '../../../src/checks/response.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
import { batchBody, call, createPayout, initialPayoutStatus, PATH } from './fixtures.js';
import { BREAKS_SIGNED_CALLS, BREAKS_SIGNED_REFUSALS } from './precondition-faults.js';

// L10: create payout, single and batch.

const PENDING_CONFIRM = ['PENDING_CONFIRM', 0];

async function batchCode(t: CheckContext, body: Record<string, unknown>): Promise<unknown> {
  return (await call(t, PATH.createBatch, body)).body.code;
}

/** A batch whose details repeat one mch_order_id. */
function repeatedDetail(t: CheckContext) {
  const body = batchBody(t);
  const details = body.payout_order_details as Record<string, unknown>[];
  details[1] = { ...details[1], mch_order_id: details[0].mch_order_id };
  return body;
}

async function duplicateCode(t: CheckContext): Promise<unknown> {
  const first = await createPayout(t, 'batch');
  return batchCode(t, batchBody(t, { request_id: first.requestId }));
}

function ensureNonZero(code: unknown, what: string): void {
  ensure(code !== 0, `${what} is answered with code 0`, 'a non-zero code', code);
}

export default probes('lesspay · payout create', (p) => {
  p.check(
    {
      id: 'LP-PO-001',
      title: 'a new single payout starts in PENDING_CONFIRM (name or 0)',
      level: 'MUST',
      reading: 'L10',
      endpoint: 'payout-create',
      capability: 'payout',
      spec: { section: 'profile L10' },
      note: "The status comes from the create answer's data.order_status, else from a payout query made at once.",
      killedBy: ['payout-not-pending-confirm'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-nested-json'],
    },
    async (t) => {
      const created = await createPayout(t, 'single');
      ensureOneOf(await initialPayoutStatus(t, created), PENDING_CONFIRM, 'status of a new single payout');
    },
  );

  p.check(
    {
      id: 'LP-PO-002',
      title: 'a new batch payout starts in PENDING_CONFIRM (name or 0)',
      level: 'MUST',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: 'The request returns immediately with status PENDING_CONFIRM.',
      spec: { section: 'lesspay §4.4 Pay Out Development Guidelines' },
      note: "The status comes from the create answer's data.order_status, else from a payout query made at once.",
      killedBy: ['payout-not-pending-confirm'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays'],
    },
    async (t) => {
      const created = await createPayout(t, 'batch');
      ensureOneOf(await initialPayoutStatus(t, created), PENDING_CONFIRM, 'status of a new batch payout');
    },
  );

  p.check(
    {
      id: 'LP-PO-003',
      title: 'a second payout with the same request_id gets a non-zero code',
      level: 'MUST',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      spec: { section: 'profile L10' },
      killedBy: ['payout-duplicate-accepted'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'errors-as-text', 'signature-drops-arrays'],
    },
    async (t) => {
      ensureNonZero(await duplicateCode(t), 'a duplicate payout request_id');
    },
  );

  p.check(
    {
      id: 'LP-PO-004',
      title: 'a second payout with the same request_id gets code 30011',
      level: 'SHOULD',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: '30011 | Duplicate Request ID | request_id already exists.',
      spec: { section: 'lesspay §5.4 Pay-Out business error codes' },
      killedBy: ['code-outside-table', 'payout-duplicate-accepted', 'payout-duplicate-code-not-30011'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'errors-as-text', 'signature-drops-arrays'],
    },
    async (t) => {
      ensureEqual(await duplicateCode(t), 30011, 'code of a duplicate payout request_id');
    },
  );

  p.check(
    {
      id: 'LP-PO-005',
      title: 'a batch whose total_amount is not the sum of details gets a non-zero code',
      level: 'MUST',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause:
        'total_amount | String | Yes | Total batch amount (must equal sum of detail amounts, e.g., "1000.00")',
      spec: { section: 'lesspay §4.4 Batch Payout' },
      killedBy: ['batch-sum-mismatch-accepted', 'param-error-code-zero'],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-drops-arrays'],
    },
    async (t) => {
      ensureNonZero(await batchCode(t, batchBody(t, { total_amount: '2999.99' })), 'a batch total mismatch');
    },
  );

  p.check(
    {
      id: 'LP-PO-006',
      title: 'a batch whose total_amount is not the sum of details gets code 30002',
      level: 'SHOULD',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: '30002 | Amount Mismatch | target_amount does not equal the sum of detail amounts.',
      spec: { section: 'lesspay §5.4 Pay-Out business error codes' },
      killedBy: [
        'batch-mismatch-code-not-30002',
        'batch-sum-mismatch-accepted',
        'code-outside-table',
        'param-error-code-not-11',
        'param-error-code-zero',
      ],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-drops-arrays'],
    },
    async (t) => {
      ensureEqual(
        await batchCode(t, batchBody(t, { total_amount: '2999.99' })),
        30002,
        'code of a batch total mismatch',
      );
    },
  );

  p.check(
    {
      id: 'LP-PO-007',
      title: 'a batch repeating an mch_order_id gets a non-zero code',
      level: 'MUST',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      spec: { section: 'profile L10' },
      killedBy: ['batch-duplicate-detail-accepted', 'param-error-code-zero'],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-drops-arrays'],
    },
    async (t) => {
      ensureNonZero(await batchCode(t, repeatedDetail(t)), 'a repeated mch_order_id');
    },
  );

  p.check(
    {
      id: 'LP-PO-008',
      title: 'a batch repeating an mch_order_id gets code 30007',
      level: 'SHOULD',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: '30007 | Duplicate Detail ID | mch_order_id within the batch must be unique.',
      spec: { section: 'lesspay §5.4 Pay-Out business error codes' },
      killedBy: [
        'batch-dup-detail-code-not-30007',
        'batch-duplicate-detail-accepted',
        'code-outside-table',
        'param-error-code-not-11',
        'param-error-code-zero',
      ],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-drops-arrays'],
    },
    async (t) => {
      ensureEqual(await batchCode(t, repeatedDetail(t)), 30007, 'code of a repeated mch_order_id');
    },
  );

  p.check(
    {
      id: 'LP-PO-009',
      title: 'a batch of "1000.10" + "1000.20" with total "2000.30" is accepted (exact sum)',
      level: 'MUST',
      reading: 'L10',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: 'BigDecimal | Monetary amount passed as String to preserve precision | "100.00"',
      spec: { section: 'lesspay §7 Parameter specifications' },
      note: 'Amounts are decimal strings, so the batch sum is exact decimal arithmetic: a total equal to the sum is not a mismatch. Floating-point addition makes 1000.1 + 1000.2 = 2000.3000000000002.',
      killedBy: ['batch-sum-float-rounding'],
      erroredBy: [...BREAKS_SIGNED_CALLS, 'signature-drops-arrays'],
    },
    async (t) => {
      const code = await batchCode(t, batchBody(t, {}, ['1000.10', '1000.20']));
      if (code !== 0 && code !== 30002)
        throw new SetupError(`the batch was refused for another reason: code ${code}`);
      ensureEqual(code, 0, 'code of a batch whose total is the exact decimal sum of its details');
    },
  );
});
