import { type CheckContext, check, ensure, ensureOneOf, ensureStatus } from '../../../src/index.js';
import {
  type Body,
  batchBody,
  createBody,
  expectRefused,
  PATH,
  payinExists,
  payoutExists,
  usable,
  without,
} from './fixtures.js';

// L6: one check per kind of bad input. Each sends a valid body with one field broken and expects a refusal:
// a non-zero code, HTTP 400 or 200, and (when the body names a request_id) no order on record afterwards.

async function refusedCreate(t: CheckContext, body: Body): Promise<void> {
  const res = await t.post(PATH.createPayin, body);
  const id = typeof body.request_id === 'string' ? body.request_id : undefined;
  await expectRefused(t, res, id === undefined ? undefined : { id, exists: payinExists });
}

async function refusedBatch(t: CheckContext, body: Body): Promise<void> {
  const res = await t.post(PATH.createBatch, body);
  await expectRefused(t, res, { id: body.request_id as string, exists: payoutExists });
}

const missing = (field: string) => async (t: CheckContext) => refusedCreate(t, without(createBody(t), field));
const withField = (field: string, value: (t: CheckContext) => unknown) => async (t: CheckContext) =>
  refusedCreate(t, createBody(t, { [field]: value(t) }));

// L6 as data: one row per required field left out, one per field sent with a value the profile refuses.
const requiredFields: [id: string, field: string][] = [
  // check: a create without request_id is refused
  ['LP-PARAM-001', 'request_id'],
  // check: a create without product_name is refused and creates nothing
  ['LP-PARAM-002', 'product_name'],
  // check: a create without description is refused and creates nothing
  ['LP-PARAM-003', 'description'],
  // check: a create without target_amount is refused and creates nothing
  ['LP-PARAM-004', 'target_amount'],
  // check: a create without target_currency is refused and creates nothing
  ['LP-PARAM-005', 'target_currency'],
  // check: a create without transaction_type is refused and creates nothing
  ['LP-PARAM-006', 'transaction_type'],
  // check: a create without success_url is refused and creates nothing
  ['LP-PARAM-007', 'success_url'],
  // check: a create without fail_url is refused and creates nothing
  ['LP-PARAM-008', 'fail_url'],
  // check: a create without api_version is refused and creates nothing
  ['LP-PARAM-009', 'api_version'],
  // check: a create without pay_access_type is refused and creates nothing
  ['LP-PARAM-010', 'pay_access_type'],
];

const refusedValues: [id: string, field: string, value: (t: CheckContext) => unknown][] = [
  // check: pay_access_type sent as the string "1" is refused and creates nothing
  ['LP-PARAM-011', 'pay_access_type', () => '1'],
  // check: target_amount sent as a JSON number is refused and creates nothing
  ['LP-PARAM-012', 'target_amount', () => 100],
  // check: target_amount "0.00" (not positive) is refused and creates nothing
  ['LP-PARAM-013', 'target_amount', () => '0.00'],
  // check: a success_url with an ftp: scheme is refused and creates nothing
  ['LP-PARAM-014', 'success_url', () => 'ftp://merchant.paycert.example/lesspay/success'],
  // 21 characters: one over the pay-in limit (unique: the tail is this run's id).
  // check: a request_id of 21 characters is refused and creates nothing
  ['LP-PARAM-015', 'request_id', (t) => t.uniqueId('LONG', 21).padStart(21, 'X')],
  // check: a product_name of 31 characters is refused and creates nothing
  ['LP-PARAM-016', 'product_name', () => 'P'.repeat(31)],
  // check: a description of 51 characters is refused and creates nothing
  ['LP-PARAM-017', 'description', () => 'D'.repeat(51)],
  // check: api_version "V3" is refused and creates nothing
  ['LP-PARAM-018', 'api_version', () => 'V3'],
  // check: pay_access_type 3 is refused and creates nothing
  ['LP-PARAM-019', 'pay_access_type', () => 3],
  // check: transaction_type "PAY_OUT" is refused and creates nothing
  ['LP-PARAM-020', 'transaction_type', () => 'PAY_OUT'],
];

describe('lesspay · parameter errors', () => {
  for (const [id, field] of requiredFields) check(id, missing(field));
  for (const [id, field, value] of refusedValues) check(id, withField(field, value));

  // check: a body that is not valid JSON gets a parameter error, not a server error
  check('LP-PARAM-021', async (t) => {
    const res = await t.post(PATH.createPayin, '{"request_id": "PCBROKEN", "product_name": ');
    ensureStatus(res, [400, 200, 401], 'HTTP status for a body that is not JSON');
    if (res.body && Number.isInteger(res.body.code)) {
      ensure(
        res.body.code !== 0,
        'a body that is not JSON is answered with code 0',
        'a non-zero code',
        res.body.code,
      );
    }
  });

  // check: a pay-in parameter error carries code 11
  check('LP-PARAM-022', async (t) => {
    const { body } = usable(await t.post(PATH.createPayin, without(createBody(t), 'product_name')));
    ensureOneOf(body.code, [11], 'code of a pay-in parameter error');
  });

  // check: a batch payout with total_amount as a JSON number is refused and creates nothing
  check('LP-PARAM-023', async (t) => {
    const body = batchBody(t);
    await refusedBatch(t, { ...body, total_amount: Number(body.total_amount) });
  });

  // check: a batch payout with an ftp: notify_url is refused and creates nothing
  check('LP-PARAM-024', async (t) => {
    await refusedBatch(t, batchBody(t, { notify_url: 'ftp://merchant.paycert.example/lesspay/notify' }));
  });

  // check: a payout parameter error carries code 11, 30000 or 30009
  check('LP-PARAM-025', async (t) => {
    const body = batchBody(t);
    const { body: answer } = usable(
      await t.post(PATH.createBatch, { ...body, total_amount: Number(body.total_amount) }),
    );
    ensureOneOf(answer.code, [11, 30000, 30009], 'code of a payout parameter error');
  });
});
