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

describe('lesspay · parameter errors', () => {
  check('LP-PARAM-001', missing('request_id'));
  check('LP-PARAM-002', missing('product_name'));
  check('LP-PARAM-003', missing('description'));
  check('LP-PARAM-004', missing('target_amount'));
  check('LP-PARAM-005', missing('target_currency'));
  check('LP-PARAM-006', missing('transaction_type'));
  check('LP-PARAM-007', missing('success_url'));
  check('LP-PARAM-008', missing('fail_url'));
  check('LP-PARAM-009', missing('api_version'));
  check('LP-PARAM-010', missing('pay_access_type'));
  check(
    'LP-PARAM-011',
    withField('pay_access_type', () => '1'),
  );
  check(
    'LP-PARAM-012',
    withField('target_amount', () => 100),
  );
  check(
    'LP-PARAM-013',
    withField('target_amount', () => '0.00'),
  );
  check(
    'LP-PARAM-014',
    withField('success_url', () => 'ftp://merchant.paycert.example/lesspay/success'),
  );
  // 21 characters: one over the pay-in limit (unique: the tail is this run's id).
  check(
    'LP-PARAM-015',
    withField('request_id', (t) => t.uniqueId('LONG', 21).padStart(21, 'X')),
  );
  check(
    'LP-PARAM-016',
    withField('product_name', () => 'P'.repeat(31)),
  );
  check(
    'LP-PARAM-017',
    withField('description', () => 'D'.repeat(51)),
  );
  check(
    'LP-PARAM-018',
    withField('api_version', () => 'V3'),
  );
  check(
    'LP-PARAM-019',
    withField('pay_access_type', () => 3),
  );
  check(
    'LP-PARAM-020',
    withField('transaction_type', () => 'PAY_OUT'),
  );

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

  check('LP-PARAM-022', async (t) => {
    const { body } = usable(await t.post(PATH.createPayin, without(createBody(t), 'product_name')));
    ensureOneOf(body.code, [11], 'code of a pay-in parameter error');
  });

  check('LP-PARAM-023', async (t) => {
    const body = batchBody(t);
    await refusedBatch(t, { ...body, total_amount: Number(body.total_amount) });
  });

  check('LP-PARAM-024', async (t) => {
    await refusedBatch(t, batchBody(t, { notify_url: 'ftp://merchant.paycert.example/lesspay/notify' }));
  });

  check('LP-PARAM-025', async (t) => {
    const body = batchBody(t);
    const { body: answer } = usable(
      await t.post(PATH.createBatch, { ...body, total_amount: Number(body.total_amount) }),
    );
    ensureOneOf(answer.code, [11, 30000, 30009], 'code of a payout parameter error');
  });
});
