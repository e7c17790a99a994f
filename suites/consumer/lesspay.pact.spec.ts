import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V3MockServer as V4MockServer } from '@pact-foundation/pact';
import { expect } from 'chai';
import {
  CONSUMER,
  CONTRACT_LESSPAY_CREDENTIALS,
  compareWithCommitted,
  contractFileName,
  LESSPAY_PATHS,
  LESSPAY_STATES,
  LesspayClient,
  LesspayError,
  lesspaySign,
  PROVIDER,
} from '../../src/index.js';
import { mockFetch, pact as pactModule } from './pact.js';

const { HTTPResponseStatusClass, MatchersV3, PactV4 } = pactModule;

// The contract tests drive the real client; the lead re-exports these through src/index.ts.

// Principle 12: each interaction asserts only what LesspayClient relies on, through LesspayClient itself.
// - success: code 0 exactly, msg a string, data an object; the fields the method returns;
// - errors: code a non-zero JSON integer (its value only where the profile fixes it), msg where the client's
//   callers branch on it (the three query-order messages), HTTP 200 or 400 (L6 leaves the choice open);
// - pay-in query data: only "an object" (eachValue + a match-anything regex, so no member is required): the order
//   may be data itself or sit in an array inside it (L8), a union a pact cannot express; LesspayClient.queryPayin
//   finds the order and the probes check its fields.

const { integer, regex, string, fromProviderState, matchStatus, eachValueMatches } = MatchersV3;

/** A value the verifier takes from the provider state's setup result (`${name}`). */
const fromState = <T>(name: string, example: T) => fromProviderState(`\${${name}}`, example);

const HEX64 = '^[0-9A-F]{64}$';
const NONZERO = '^-?[1-9][0-9]*$';
const DECIMAL = '^[0-9]+(\\.[0-9]+)?$';
const STATUS = '^([0-9]+|[A-Z_]+)$';
const MS = '^[0-9]{13}$';
const ANY = '^[\\s\\S]*$';
// Any 2xx: LesspayClient accepts code 0 with any success status.
const SUCCESS_2XX = matchStatus(200, HTTPResponseStatusClass.Success);
const PARAM_ERROR_STATUS = matchStatus(400, [200, 400]);
const NOT_FOUND_STATUS = matchStatus(200, [200, 400, 404]);

const creds = CONTRACT_LESSPAY_CREDENTIALS;
const EXAMPLE_TIME = '1764577927000';

/** Recorded L3 headers: any 13-digit timestamp and 64-hex signature, so the verifier can re-sign for its target. */
function signed(example: Record<string, unknown>) {
  return {
    'x-auth-appid': regex('^\\S+$', creds.appId),
    'X-Auth-Timestamp': regex(MS, EXAMPLE_TIME),
    'x-auth-signature': regex(HEX64, lesspaySign(example, creds.appSecret)),
  };
}

/** A non-zero integer code: `integer` rejects "11" (a string), the regex rejects 0. */
function nonZeroCode(path: string, example: number) {
  return { body: [{ path, rules: [integer(example), regex(NONZERO, String(example))] }] };
}

const CLIENT_TIMEOUT_MS = 5000;

function client(mock: V4MockServer, appSecret: string = creds.appSecret): LesspayClient {
  return new LesspayClient({
    baseUrl: mock.url,
    credentials: { ...creds, appSecret },
    timeoutMs: CLIENT_TIMEOUT_MS,
    fetch: mockFetch(mock, CLIENT_TIMEOUT_MS),
  });
}

async function refusal(p: Promise<unknown>): Promise<LesspayError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LesspayError) return err;
    throw err;
  }
  throw new Error('expected a LesspayError');
}

const ORDER = { request_id: 'PCORDER0001', pay_order_id: 'P2011337513994018818', amount: '100.50' };
const WINDOW = { start_time: '1764577867000', end_time: '1764577987000' };
const CREATE = {
  request_id: 'PCNEW0001',
  product_name: 'paycert contract',
  description: 'Order from the paycert contract tests',
  target_amount: '100.50',
  target_currency: 'USD',
  transaction_type: 'PAY_IN' as const,
  success_url: 'https://merchant.example/success',
  fail_url: 'https://merchant.example/fail',
  api_version: 'V2' as const,
  pay_access_type: 1 as const,
};

describe('consumer contract: paycert-lesspay-client → lesspay', function () {
  this.timeout(20_000);
  const dir = mkdtempSync(join(tmpdir(), 'paycert-pact-lp-'));
  const pact = new PactV4({ consumer: CONSUMER.lesspay, provider: PROVIDER.lesspay, dir, logLevel: 'error' });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a cashier pay-in order', () =>
    pact
      .addInteraction()
      .given(LESSPAY_STATES.unusedRequestId)
      .uponReceiving('a cashier pay-in order is created')
      .reference('paycert', 'reading', 'L7')
      .withRequest('POST', LESSPAY_PATHS.createPayin, (b) =>
        b
          .headers(signed(CREATE))
          .jsonBody({ ...CREATE, request_id: fromState('request_id', CREATE.request_id) }),
      )
      .willRespondWith(SUCCESS_2XX, (b) =>
        b.jsonBody({
          code: 0,
          msg: string('SUCCESS'),
          data: {
            pay_order_id: string(ORDER.pay_order_id),
            checkout_url: regex('^https?://\\S+$', `https://pay.example/checkout/${ORDER.pay_order_id}`),
          },
        }),
      )
      .executeTest(async (mock) => {
        const created = await client(mock).createPayin(CREATE);
        expect(created.pay_order_id).to.equal(ORDER.pay_order_id);
      }));

  for (const by of ['request_id', 'pay_order_id'] as const) {
    it(`finds a pay-in order by ${by}`, () => {
      const query = { [by]: ORDER[by], ...WINDOW };
      return pact
        .addInteraction()
        .given(LESSPAY_STATES.orderExists, { request_id: ORDER.request_id, amount: ORDER.amount })
        .uponReceiving(`a pay-in order is queried by ${by}`)
        .reference('paycert', 'reading', 'L8')
        .withRequest('POST', LESSPAY_PATHS.queryPayin, (b) =>
          b.headers(signed(query)).jsonBody({
            [by]: fromState(by, ORDER[by]),
            start_time: fromState('start_time', WINDOW.start_time),
            end_time: fromState('end_time', WINDOW.end_time),
          }),
        )
        .willRespondWith(SUCCESS_2XX, (b) =>
          b.jsonBody({
            code: 0,
            msg: string('SUCCESS'),
            // "an object, any members": the example shows the order, the rule does not pin its place (L8).
            data: eachValueMatches(
              {
                pay_order_id: ORDER.pay_order_id,
                request_id: ORDER.request_id,
                target_amount: ORDER.amount,
                order_status: 0,
              },
              regex(ANY, ORDER.pay_order_id),
            ),
          }),
        )
        .executeTest(async (mock) => {
          const order = await client(mock).queryPayin(query);
          expect(order[by]).to.equal(ORDER[by]);
        });
    });
  }

  const queryErrors = [
    {
      test: 'is refused a pay-in query without request_id or pay_order_id',
      description: 'a pay-in query without request_id or pay_order_id is refused',
      state: undefined,
      body: { ...WINDOW },
      status: PARAM_ERROR_STATUS,
      code: 11,
      msg: 'mchOrderNo and payOrderId cannot be empty at the same time',
    },
    {
      test: 'is refused a pay-in query for an unknown order',
      description: 'a pay-in query for an unknown order is refused',
      state: LESSPAY_STATES.unusedRequestId,
      body: { request_id: 'PCNEW0001' },
      status: NOT_FOUND_STATUS,
      code: 1202,
      msg: 'Order does not exist',
    },
    {
      test: 'is refused a pay-in query whose window ends before it starts',
      description: 'a pay-in query with start_time after end_time is refused',
      state: LESSPAY_STATES.orderExists,
      body: { request_id: ORDER.request_id, start_time: '1762913922000', end_time: '1762741122000' },
      status: PARAM_ERROR_STATUS,
      code: 11,
      msg: 'Request time error',
    },
  ];
  for (const e of queryErrors) {
    it(e.test, () => {
      let interaction = pact.addInteraction();
      if (e.state === LESSPAY_STATES.orderExists)
        interaction = interaction.given(e.state, { request_id: ORDER.request_id, amount: ORDER.amount });
      else if (e.state) interaction = interaction.given(e.state);
      const recorded: Record<string, unknown> = { ...e.body };
      if (e.state && 'request_id' in e.body) recorded.request_id = fromState('request_id', e.body.request_id);
      return interaction
        .uponReceiving(e.description)
        .reference('paycert', 'reading', 'L8')
        .withRequest('POST', LESSPAY_PATHS.queryPayin, (b) => b.headers(signed(e.body)).jsonBody(recorded))
        .willRespondWith(e.status, (b) =>
          b.jsonBody({ code: e.code, msg: e.msg }).matchingRules(nonZeroCode('$.code', e.code)),
        )
        .executeTest(async (mock) => {
          const err = await refusal(client(mock).queryPayin(e.body));
          expect(err.code).to.not.equal(0);
          expect(err.msg).to.equal(e.msg);
        });
    });
  }

  it('is refused a second pay-in order with the same request_id', () =>
    pact
      .addInteraction()
      .given(LESSPAY_STATES.orderExists, { request_id: ORDER.request_id, amount: ORDER.amount })
      .uponReceiving('a second pay-in order with the same request_id is refused with 1201')
      .reference('paycert', 'reading', 'L7')
      .withRequest('POST', LESSPAY_PATHS.createPayin, (b) =>
        b
          .headers(signed({ ...CREATE, request_id: ORDER.request_id }))
          .jsonBody({ ...CREATE, request_id: fromState('request_id', ORDER.request_id) }),
      )
      .willRespondWith(PARAM_ERROR_STATUS, (b) =>
        b.jsonBody({ code: 1201, msg: string('Duplicate Data Exists') }),
      )
      .executeTest(async (mock) => {
        const err = await refusal(client(mock).createPayin({ ...CREATE, request_id: ORDER.request_id }));
        expect(err.code).to.equal(1201);
      }));

  it('finds a payout by request_id', () => {
    const payout = { request_id: 'PCPAYOUT0001', pay_order_id: 'PO2011337513994018818' };
    return pact
      .addInteraction()
      .given(LESSPAY_STATES.payoutExists, { request_id: payout.request_id, amount: '100.50' })
      .uponReceiving('a payout is queried by request_id')
      .reference('paycert', 'reading', 'L9')
      .withRequest('POST', LESSPAY_PATHS.queryPayout, (b) =>
        b
          .headers(signed({ request_id: payout.request_id }))
          .jsonBody({ request_id: fromState('request_id', payout.request_id) }),
      )
      .willRespondWith(SUCCESS_2XX, (b) =>
        b
          .jsonBody({
            code: 0,
            msg: string(''),
            data: {
              pay_order_id: string(payout.pay_order_id),
              request_id: string(payout.request_id),
              order_status: regex(STATUS, 'PENDING_CONFIRM'),
              total_amount: regex(DECIMAL, '100.50'),
            },
          })
          // A regex alone also accepts the JSON number 100.5: total_amount must be a string (L9).
          .matchingRules({
            body: [{ path: '$.data.total_amount', rules: [string('100.50'), regex(DECIMAL, '100.50')] }],
          }),
      )
      .executeTest(async (mock) => {
        const found = await client(mock).queryPayout({ request_id: payout.request_id });
        expect(found.pay_order_id).to.equal(payout.pay_order_id);
      });
  });

  it('is refused with HTTP 401 when the signature is wrong', () => {
    const body = { request_id: 'PCORDER0001' };
    return pact
      .addInteraction()
      .given(LESSPAY_STATES.wrongSecret)
      .uponReceiving('a request signed with a wrong app secret is refused with HTTP 401')
      .reference('paycert', 'reading', 'L3')
      .withRequest('POST', LESSPAY_PATHS.queryPayin, (b) => b.headers(signed(body)).jsonBody(body))
      .willRespondWith(401)
      .executeTest(async (mock) => {
        const err = await refusal(client(mock, 'not-the-secret').queryPayin(body));
        expect(err.httpStatus).to.equal(401);
      });
  });

  it('matches the committed contract', () => {
    const result = compareWithCommitted('lesspay', join(dir, contractFileName('lesspay')));
    expect(
      result.same,
      `contracts/${contractFileName('lesspay')} is stale (${result.firstDifference}); regenerate with PAYCERT_UPDATE_CONTRACTS=1`,
    ).to.equal(true);
  });
});
