import {
  type CheckContext,
  check,
  ensure,
  ensureEqual,
  ensureOneOf,
  SetupError,
} from '../../../src/index.js';
import { batchBody, call, createPayout, initialPayoutStatus, PATH } from './fixtures.js';

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

describe('lesspay · payout create', () => {
  // check: a new single payout starts in PENDING_CONFIRM (name or 0)
  check('LP-PO-001', async (t) => {
    const created = await createPayout(t, 'single');
    ensureOneOf(await initialPayoutStatus(t, created), PENDING_CONFIRM, 'status of a new single payout');
  });

  // check: a new batch payout starts in PENDING_CONFIRM (name or 0)
  check('LP-PO-002', async (t) => {
    const created = await createPayout(t, 'batch');
    ensureOneOf(await initialPayoutStatus(t, created), PENDING_CONFIRM, 'status of a new batch payout');
  });

  // check: a second payout with the same request_id gets a non-zero code
  check('LP-PO-003', async (t) => {
    ensureNonZero(await duplicateCode(t), 'a duplicate payout request_id');
  });

  // check: a second payout with the same request_id gets code 30011
  check('LP-PO-004', async (t) => {
    ensureEqual(await duplicateCode(t), 30011, 'code of a duplicate payout request_id');
  });

  // check: a batch whose total_amount is not the sum of details gets a non-zero code
  check('LP-PO-005', async (t) => {
    ensureNonZero(await batchCode(t, batchBody(t, { total_amount: '2999.99' })), 'a batch total mismatch');
  });

  // check: a batch whose total_amount is not the sum of details gets code 30002
  check('LP-PO-006', async (t) => {
    ensureEqual(
      await batchCode(t, batchBody(t, { total_amount: '2999.99' })),
      30002,
      'code of a batch total mismatch',
    );
  });

  // check: a batch repeating an mch_order_id gets a non-zero code
  check('LP-PO-007', async (t) => {
    ensureNonZero(await batchCode(t, repeatedDetail(t)), 'a repeated mch_order_id');
  });

  // check: a batch repeating an mch_order_id gets code 30007
  check('LP-PO-008', async (t) => {
    ensureEqual(await batchCode(t, repeatedDetail(t)), 30007, 'code of a repeated mch_order_id');
  });

  // check: a batch of "1000.10" + "1000.20" with total "2000.30" is accepted (exact sum)
  check('LP-PO-009', async (t) => {
    const code = await batchCode(t, batchBody(t, {}, ['1000.10', '1000.20']));
    if (code !== 0 && code !== 30002)
      throw new SetupError(`the batch was refused for another reason: code ${code}`);
    ensureEqual(code, 0, 'code of a batch whose total is the exact decimal sum of its details');
  });
});
