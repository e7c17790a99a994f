import { ensure } from '../../../src/checks/assert.js';
import { ensureOneOf, ensureStatus } from '../../../src/checks/response.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { type CheckMeta, probes } from '../../../src/engine/probe-file.js';
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
import { BREAKS_SIGNED_REFUSALS, MISANSWERS_PARAM_ERRORS } from './precondition-faults.js';

/** How a create refusal check judges (the same for each): what counts as refused, how it proves nothing was made. */
const REFUSED_NOTE =
  'Refused means: a non-zero code and HTTP 400 or 200 (both MUST in L6); the request_id is then queried and must not be found. HTTP 200 passes; the answer then carries a note that L6 recommends 400.';

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
const requiredFields: [meta: CheckMeta, field: string][] = [
  [
    {
      id: 'LP-PARAM-001',
      title: 'a create without request_id is refused',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: 'Refused means: a non-zero code and HTTP 400 or 200 (both MUST in L6). Without a request_id there is nothing to query afterwards.',
      killedBy: ['param-error-code-zero', 'param-error-http-422', 'param-error-http-500'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'request_id',
  ],
  [
    {
      id: 'LP-PARAM-002',
      title: 'a create without product_name is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'product_name',
  ],
  [
    {
      id: 'LP-PARAM-003',
      title: 'a create without description is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: [...MISANSWERS_PARAM_ERRORS, 'missing-description-accepted'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'description',
  ],
  [
    {
      id: 'LP-PARAM-004',
      title: 'a create without target_amount is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'target_amount',
  ],
  [
    {
      id: 'LP-PARAM-005',
      title: 'a create without target_currency is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'target_currency',
  ],
  [
    {
      id: 'LP-PARAM-006',
      title: 'a create without transaction_type is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'transaction_type',
  ],
  [
    {
      id: 'LP-PARAM-007',
      title: 'a create without success_url is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'success_url',
  ],
  [
    {
      id: 'LP-PARAM-008',
      title: 'a create without fail_url is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'fail_url',
  ],
  [
    {
      id: 'LP-PARAM-009',
      title: 'a create without api_version is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'api_version',
  ],
  [
    {
      id: 'LP-PARAM-010',
      title: 'a create without pay_access_type is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'pay_access_type',
  ],
];

const refusedValues: [meta: CheckMeta, field: string, value: (t: CheckContext) => unknown][] = [
  [
    {
      id: 'LP-PARAM-011',
      title: 'pay_access_type sent as the string "1" is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: [...MISANSWERS_PARAM_ERRORS, 'wrong-type-accepted'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'pay_access_type',
    () => '1',
  ],
  [
    {
      id: 'LP-PARAM-012',
      title: 'target_amount sent as a JSON number is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'Amount: Amounts must be passed as strings to avoid floating-point errors (e.g., "100.50").',
      spec: { section: 'lesspay §7 Parameter specifications' },
      note: REFUSED_NOTE,
      killedBy: [...MISANSWERS_PARAM_ERRORS, 'amount-number-accepted'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'target_amount',
    () => 100,
  ],
  [
    {
      id: 'LP-PARAM-013',
      title: 'target_amount "0.00" (not positive) is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'Amount: Amounts must be passed as strings to avoid floating-point errors (e.g., "100.50").',
      spec: { section: 'lesspay §7 Parameter specifications' },
      note: REFUSED_NOTE,
      killedBy: [...MISANSWERS_PARAM_ERRORS, 'zero-amount-accepted'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'target_amount',
    () => '0.00',
  ],
  [
    {
      id: 'LP-PARAM-014',
      title: 'a success_url with an ftp: scheme is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'URL: Must be a valid HTTP or HTTPS URL (e.g., https://example.com/callback).',
      spec: { section: 'lesspay §7 Parameter specifications' },
      note: REFUSED_NOTE,
      killedBy: [...MISANSWERS_PARAM_ERRORS, 'non-http-url-accepted'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'success_url',
    () => 'ftp://merchant.paycert.example/lesspay/success',
  ],
  // 21 characters: one over the pay-in limit (unique: the tail is this run's id).
  [
    {
      id: 'LP-PARAM-015',
      title: 'a request_id of 21 characters is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'Merchant Order ID, unique under AppId / Required, max 20 characters',
      spec: { section: 'lesspay §4.1 CreatePayinOrderDTO' },
      note: REFUSED_NOTE,
      killedBy: [...MISANSWERS_PARAM_ERRORS, 'long-request-id-accepted'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'request_id',
    (t) => t.uniqueId('LONG', 21).padStart(21, 'X'),
  ],
  [
    {
      id: 'LP-PARAM-016',
      title: 'a product_name of 31 characters is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'Required, max 30 characters',
      spec: { section: 'lesspay §4.1 CreatePayinOrderDTO' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'product_name',
    () => 'P'.repeat(31),
  ],
  [
    {
      id: 'LP-PARAM-017',
      title: 'a description of 51 characters is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: 'Required, max 50 characters',
      spec: { section: 'lesspay §4.1 CreatePayinOrderDTO' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'description',
    () => 'D'.repeat(51),
  ],
  [
    {
      id: 'LP-PARAM-018',
      title: 'api_version "V3" is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: 'Refused means: a non-zero code and HTTP 400 or 200 (both MUST in L6); the request_id is then queried and must not be found. HTTP 200 passes; the answer then carries a note that L6 recommends 400. V1 and V2 are accepted in any letter case (the webhook sample carries "v1").',
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'api_version',
    () => 'V3',
  ],
  [
    {
      id: 'LP-PARAM-019',
      title: 'pay_access_type 3 is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'pay_access_type',
    () => 3,
  ],
  [
    {
      id: 'LP-PARAM-020',
      title: 'transaction_type "PAY_OUT" is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: MISANSWERS_PARAM_ERRORS,
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    'transaction_type',
    () => 'PAY_OUT',
  ],
];

export default probes('lesspay · parameter errors', (p) => {
  for (const [meta, field] of requiredFields) p.check(meta, missing(field));
  for (const [meta, field, value] of refusedValues) p.check(meta, withField(field, value));

  p.check(
    {
      id: 'LP-PARAM-021',
      title: 'a body that is not valid JSON gets a parameter error, not a server error',
      level: 'SHOULD',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: '400 | Bad Request: Invalid request format or parameters',
      spec: { section: 'lesspay §5.1 HTTP status codes' },
      note: 'The profile does not list a malformed body among parameter errors: SHOULD. HTTP 400 or 200 (with a non-zero code when the answer is JSON) passes, and so does 401, because a signature over text that is not JSON cannot be verified.',
      killedBy: ['bad-json-500', 'param-error-code-zero', 'param-error-http-422', 'param-error-http-500'],
    },
    async (t) => {
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
    },
  );

  p.check(
    {
      id: 'LP-PARAM-022',
      title: 'a pay-in parameter error carries code 11',
      level: 'SHOULD',
      reading: 'L6',
      endpoint: 'create-order',
      capability: 'payin',
      clause: '11 | Parameter Error | Check required fields and data formats. The msg will contain details.',
      spec: { section: 'lesspay §5.2 Pay-In business error codes' },
      killedBy: ['code-outside-table', 'param-error-code-not-11', 'param-error-code-zero'],
      erroredBy: BREAKS_SIGNED_REFUSALS,
    },
    async (t) => {
      const { body } = usable(await t.post(PATH.createPayin, without(createBody(t), 'product_name')));
      ensureOneOf(body.code, [11], 'code of a pay-in parameter error');
    },
  );

  p.check(
    {
      id: 'LP-PARAM-023',
      title: 'a batch payout with total_amount as a JSON number is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'payout-batch',
      capability: 'payout',
      spec: { section: 'profile L6' },
      note: REFUSED_NOTE,
      killedBy: [
        'amount-number-accepted',
        'param-error-code-zero',
        'param-error-http-422',
        'param-error-http-500',
      ],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-drops-arrays'],
    },
    async (t) => {
      const body = batchBody(t);
      await refusedBatch(t, { ...body, total_amount: Number(body.total_amount) });
    },
  );

  p.check(
    {
      id: 'LP-PARAM-024',
      title: 'a batch payout with an ftp: notify_url is refused and creates nothing',
      level: 'MUST',
      reading: 'L6',
      endpoint: 'payout-batch',
      capability: 'payout',
      clause: 'notify_url | String | Yes | Batch result callback URL, supports http/https',
      spec: { section: 'lesspay §4.4 Batch Payout' },
      note: REFUSED_NOTE,
      killedBy: [
        'non-http-url-accepted',
        'param-error-code-zero',
        'param-error-http-422',
        'param-error-http-500',
      ],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-drops-arrays'],
    },
    async (t) => {
      await refusedBatch(t, batchBody(t, { notify_url: 'ftp://merchant.paycert.example/lesspay/notify' }));
    },
  );

  p.check(
    {
      id: 'LP-PARAM-025',
      title: 'a payout parameter error carries code 11, 30000 or 30009',
      level: 'SHOULD',
      reading: 'L6',
      endpoint: 'payout-batch',
      capability: 'payout',
      spec: { section: 'profile L6' },
      killedBy: [
        'amount-number-accepted',
        'code-outside-table',
        'param-error-code-not-11',
        'param-error-code-zero',
      ],
      erroredBy: [...BREAKS_SIGNED_REFUSALS, 'signature-drops-arrays'],
    },
    async (t) => {
      const body = batchBody(t);
      const { body: answer } = usable(
        await t.post(PATH.createBatch, { ...body, total_amount: Number(body.total_amount) }),
      );
      ensureOneOf(answer.code, [11, 30000, 30009], 'code of a payout parameter error');
    },
  );
});
