import { PATHS } from '../routes.js';
import { editBody, editData, type FaultSet, type ResponseContext } from './types.js';

type Out = Parameters<typeof editBody>[0];
const isPayoutCreate = (path: string) => path === PATHS.createPayout || path === PATHS.createBatchPayout;
const codeOn =
  (reason: string, code: number, paths: (p: string) => boolean) =>
  (out: Out, { path, reply }: ResponseContext) =>
    paths(path) && reply.reason === reason ? editBody(out, (b) => (b.code = code)) : out;
const queried =
  (edit: (d: Record<string, unknown>) => void) =>
  (out: Out, { path, reply }: ResponseContext) =>
    path === PATHS.queryPayout && reply.code === 0 ? editData(out, edit) : out;

export const payoutFaults: FaultSet = {
  'payout-query-unknown-code-zero': {
    reading: 'L9',
    level: 'MUST',
    description: 'An unknown payout is answered code 0 with data null.',
    respond: (out, { path, reply }) =>
      path === PATHS.queryPayout && reply.reason === 'not-found'
        ? editBody(out, (b) => Object.assign(b, { code: 0, msg: 'SUCCESS' }))
        : out,
  },
  'payout-unknown-code-not-30020': {
    reading: 'L9',
    level: 'SHOULD',
    description: 'An unknown payout gets code 1202 instead of 30020.',
    respond: codeOn('not-found', 1202, (p) => p === PATHS.queryPayout),
  },
  'payout-query-no-id-accepted': {
    reading: 'L9',
    level: 'MUST',
    description: 'A payout query with neither request_id nor pay_order_id is answered code 0, data null.',
    respond: (out, { path, reply }) =>
      path === PATHS.queryPayout && reply.outcome === 'param'
        ? editBody({ ...out, status: 200 }, (b) => Object.assign(b, { code: 0, msg: 'SUCCESS' }))
        : out,
  },
  'payout-query-missing-fields': {
    reading: 'L9',
    level: 'MUST',
    description: 'The payout query data lacks fail_reason and created_at.',
    respond: queried((d) => {
      delete d.fail_reason;
      delete d.created_at;
    }),
  },
  'payout-query-amount-number': {
    reading: 'L9',
    level: 'MUST',
    description: 'The payout query reports total_amount as a JSON number.',
    respond: queried((d) => (d.total_amount = Number(d.total_amount))),
  },
  'payout-query-wrong-request-id': {
    reading: 'L9',
    level: 'MUST',
    description: 'The payout query reports the pay_order_id in request_id.',
    respond: queried((d) => (d.request_id = d.pay_order_id)),
  },
  'payout-not-pending-confirm': {
    reading: 'L10',
    level: 'MUST',
    description: 'A new payout starts in PENDING_PAY (1) instead of PENDING_CONFIRM (0).',
    flags: { payoutInitialStatus: 'PENDING_PAY' },
  },
  'payout-duplicate-accepted': {
    reading: 'L10',
    level: 'MUST',
    description: 'A second payout with the same request_id is created (code 0).',
    flags: { duplicatePayout: 'accept' },
  },
  'batch-sum-mismatch-accepted': {
    reading: 'L10',
    level: 'MUST',
    description: 'A batch whose total_amount differs from the sum of details is created.',
    flags: { checkBatchSum: false },
  },
  'batch-duplicate-detail-accepted': {
    reading: 'L10',
    level: 'MUST',
    description: 'A batch with a repeated mch_order_id is created.',
    flags: { checkDuplicateDetails: false },
  },
  'batch-sum-float-rounding': {
    reading: 'L10',
    level: 'MUST',
    description:
      'The batch sum is checked with floats: details "0.10" + "0.20" against "0.30" is refused (30002).',
    flags: { batchSumWithFloats: true },
  },
  'batch-detail-amount-number-accepted': {
    reading: 'L6',
    level: 'MUST',
    description:
      'A batch detail whose amount is a JSON number (payout_order_details[].amount: 1500) is accepted; total_amount stays strict.',
    flags: { detailAmountNumbersAccepted: true },
  },
  'batch-later-details-unchecked': {
    reading: 'L6',
    level: 'MUST',
    description: 'Only the first detail of a batch is validated; the others are stored as sent.',
    flags: { validateEveryDetail: false },
  },
  'payout-optional-members-unchecked': {
    reading: 'L6',
    level: 'SHOULD',
    description:
      "A single payout's documented optional beneficiary and bank members (tax_id, phone, date_of_birth, iban, account_type, …) are not validated.",
    flags: { checkOptionalMembers: false },
  },
  'payout-duplicate-code-not-30011': {
    reading: 'L10',
    level: 'SHOULD',
    description: 'A duplicate payout request_id gets 1201 instead of 30011.',
    respond: codeOn('duplicate', 1201, isPayoutCreate),
  },
  'batch-mismatch-code-not-30002': {
    reading: 'L10',
    level: 'SHOULD',
    description: 'A batch sum mismatch gets 30000 instead of 30002.',
    respond: codeOn('sum-mismatch', 30000, isPayoutCreate),
  },
  'batch-dup-detail-code-not-30007': {
    reading: 'L10',
    level: 'SHOULD',
    description: 'A repeated mch_order_id gets 30000 instead of 30007.',
    respond: codeOn('duplicate-detail', 30000, isPayoutCreate),
  },
};
