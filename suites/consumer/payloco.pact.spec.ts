import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V3MockServer as V4MockServer } from '@pact-foundation/pact';
import { expect } from 'chai';
import {
  CONSUMER,
  CONTRACT_PAYLOCO_MERCHANT_ID,
  compareWithCommitted,
  contractFileName,
  PAYLOCO_PATHS,
  PAYLOCO_STATES,
  PaylocoClient,
  PaylocoError,
  PROVIDER,
} from '../../src/index.js';
import { mockFetch, pact as pactModule } from './pact.js';

const { MatchersV3, PactV4 } = pactModule;

// The contract tests drive the real client; the lead re-exports these through src/index.ts.

// Principle 12: each interaction asserts only what PaylocoClient relies on, through PaylocoClient itself: the
// unified envelope it validates (code a string of 8 digits, message a string, traceId non-empty, data.status one
// of the four values), the code that decides success (00000000 / 00000003 / anything else) and the order fields
// query() returns. The HTTP status of a failure is undocumented (P-profile: "standard HTTP response codes"), so
// failures accept 200 or 400; messages are never asserted (P3 makes the message a SHOULD).

const { regex, string, fromProviderState, matchStatus } = MatchersV3;

/** A value the verifier takes from the provider state's setup result (`${name}`). */
const fromState = <T>(name: string, example: T) => fromProviderState(`\${${name}}`, example);

const OK_CODE = '^0000000[03]$';
const STATUS = '^(PENDING|SUCCESS|FAILED|CLOSED)$';
const DECIMAL = '^[0-9]+(\\.[0-9]+)?$';
const TRACE = '^\\S+$';
const BASE64 = '^[A-Za-z0-9+/]+={0,2}$';
const REQUEST_TIME =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?(Z|[+-][0-9]{2}:[0-9]{2})$';
const EXAMPLE_TIME = '2024-05-24T14:29:32.682+08:00';
// An 8-digit code other than 00000000 and 00000003 (the Rust regex engine of the verifier has no look-ahead).
const FAILURE_CODE =
  '^([1-9][0-9]{7}|0[1-9][0-9]{6}|00[1-9][0-9]{5}|000[1-9][0-9]{4}|0000[1-9][0-9]{3}|00000[1-9][0-9]{2}|000000[1-9][0-9]|0000000[124-9])$';
const FAILURE_STATUS = matchStatus(200, [200, 400]);

// The test's own throwaway key: recorded signatures are matched by pattern, the verifier re-signs for its target.
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
});
const EXAMPLE_SIGNATURE = Buffer.alloc(256, 7).toString('base64');

const common = {
  charset: 'UTF-8',
  version: '2.0.0',
  signType: 'RSA',
  merchantId: CONTRACT_PAYLOCO_MERCHANT_ID,
  requestTime: regex(REQUEST_TIME, EXAMPLE_TIME),
  keyVersion: '1',
};

/** Type and pattern: `string` rejects a JSON number (a regex alone accepts its text), the regex the wrong digits. */
function codeRule(path: string, pattern: string, example: string) {
  return { path, rules: [string(example), regex(pattern, example)] };
}

const CLIENT_TIMEOUT_MS = 5000;

function client(mock: V4MockServer): PaylocoClient {
  return new PaylocoClient({
    baseUrl: mock.url,
    credentials: { merchantId: CONTRACT_PAYLOCO_MERCHANT_ID, privateKeyPem: key as string },
    timeoutMs: CLIENT_TIMEOUT_MS,
    fetch: mockFetch(mock, CLIENT_TIMEOUT_MS),
  });
}

async function refusal(p: Promise<unknown>): Promise<PaylocoError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PaylocoError) return err;
    throw err;
  }
  throw new Error('expected a PaylocoError');
}

const ORDER = { merchantOrderId: 'PCQR0001', orderId: '2024052400000001' };
const PAY = {
  merchantOrderId: 'PCQR0001',
  transAmt: '20.01',
  currency: 'USD',
  transChannel: 'WEIXIN',
  goodsName: 'paycert contract',
  authCode: '133788758877188822',
};

function payBody(payMode: string, merchantOrderId: unknown, over: Record<string, unknown> = {}) {
  return { ...common, transType: 'PAY', accessType: 's2s', ...PAY, payMode, merchantOrderId, ...over };
}

describe('consumer contract: paycert-payloco-client → payloco', function () {
  this.timeout(20_000);
  const dir = mkdtempSync(join(tmpdir(), 'paycert-pact-pl-'));
  const pact = new PactV4({ consumer: CONSUMER.payloco, provider: PROVIDER.payloco, dir, logLevel: 'error' });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const signature = { signature: regex(BASE64, EXAMPLE_SIGNATURE) };

  it('gets 00000003 PENDING for an active QR payment', () =>
    pact
      .addInteraction()
      .given(PAYLOCO_STATES.unusedMerchantOrderId)
      .uponReceiving('an active QR payment is accepted as pending')
      .reference('paycert', 'reading', 'P7')
      .withRequest('POST', PAYLOCO_PATHS.pay, (b) =>
        b.headers(signature).jsonBody(payBody('QRCODE', fromState('merchantOrderId', PAY.merchantOrderId))),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          code: '00000003',
          message: string('PROCESSING'),
          traceId: regex(TRACE, 'cfef69feec8d25aa'),
          data: { status: 'PENDING' },
        }),
      )
      .executeTest(async (mock) => {
        const r = await client(mock).pay({ ...PAY, payMode: 'QRCODE' });
        expect(r).to.include({ code: '00000003', status: 'PENDING' });
      }));

  it('gets SUCCESS or PENDING for a MICROPAY payment', () =>
    pact
      .addInteraction()
      .given(PAYLOCO_STATES.unusedMerchantOrderId)
      .uponReceiving('a MICROPAY payment succeeds or is pending')
      .reference('paycert', 'reading', 'P8')
      .withRequest('POST', PAYLOCO_PATHS.pay, (b) =>
        b.headers(signature).jsonBody(payBody('MICROPAY', fromState('merchantOrderId', 'PCMP0001'))),
      )
      .willRespondWith(200, (b) =>
        b
          .jsonBody({
            code: '00000000',
            message: string('SUCCESS'),
            traceId: regex(TRACE, '174d6e0d78675e0c'),
            data: { status: regex('^(SUCCESS|PENDING)$', 'SUCCESS') },
          })
          .matchingRules({ body: [codeRule('$.code', OK_CODE, '00000000')] }),
      )
      .executeTest(async (mock) => {
        const r = await client(mock).pay({ ...PAY, merchantOrderId: 'PCMP0001', payMode: 'MICROPAY' });
        expect(['SUCCESS', 'PENDING']).to.include(r.status);
      }));

  it('finds an order by merchantOrderId', () =>
    pact
      .addInteraction()
      .given(PAYLOCO_STATES.orderExists, { merchantOrderId: ORDER.merchantOrderId })
      .uponReceiving('an order is queried by merchantOrderId')
      .reference('paycert', 'reading', 'P9')
      .withRequest('POST', PAYLOCO_PATHS.query, (b) =>
        b.headers(signature).jsonBody({
          ...common,
          transType: 'PAY',
          accessType: 's2s',
          merchantOrderId: fromState('merchantOrderId', ORDER.merchantOrderId),
        }),
      )
      .willRespondWith(200, (b) =>
        b
          .jsonBody({
            code: '00000000',
            message: string('SUCCESS'),
            traceId: regex(TRACE, '7457794513993866186'),
            data: {
              status: regex(STATUS, 'PENDING'),
              merchantOrderId: string(ORDER.merchantOrderId),
              orderId: string(ORDER.orderId),
              currency: string('USD'),
              transAmt: regex(DECIMAL, '20.01'),
            },
          })
          // transAmt: a regex alone also accepts the JSON number 20.01; P9 says a string.
          .matchingRules({
            body: [codeRule('$.code', OK_CODE, '00000000'), codeRule('$.data.transAmt', DECIMAL, '20.01')],
          }),
      )
      .executeTest(async (mock) => {
        const r = await client(mock).query({ merchantOrderId: ORDER.merchantOrderId });
        expect(r.data.orderId).to.equal(ORDER.orderId);
      }));

  it('gets a failure code for an unknown order', () =>
    pact
      .addInteraction()
      .given(PAYLOCO_STATES.unusedMerchantOrderId)
      .uponReceiving('a query for an unknown order fails')
      .reference('paycert', 'reading', 'P9')
      .withRequest('POST', PAYLOCO_PATHS.query, (b) =>
        b.headers(signature).jsonBody({
          ...common,
          transType: 'PAY',
          accessType: 's2s',
          merchantOrderId: fromState('merchantOrderId', 'PCNOSUCH0001'),
        }),
      )
      .willRespondWith(FAILURE_STATUS, (b) =>
        b
          .jsonBody({
            code: '22070040',
            message: string('Order does not exist'),
            traceId: regex(TRACE, '33fae7b7aed1233f'),
            data: { status: regex(STATUS, 'FAILED') },
          })
          .matchingRules({ body: [codeRule('$.code', FAILURE_CODE, '22070040')] }),
      )
      .executeTest(async (mock) => {
        const err = await refusal(client(mock).query({ merchantOrderId: 'PCNOSUCH0001' }));
        expect(err.code).to.match(/^[0-9]{8}$/);
      }));

  it('gets 22070030 FAILED for a payment without transType', () =>
    pact
      .addInteraction()
      .given(PAYLOCO_STATES.unusedMerchantOrderId)
      .uponReceiving('a payment without transType is refused with 22070030')
      .reference('paycert', 'reading', 'P3')
      .withRequest('POST', PAYLOCO_PATHS.pay, (b) => {
        const { transType: _omitted, ...body } = payBody(
          'QRCODE',
          fromState('merchantOrderId', 'PCNOTT0001'),
        );
        b.headers(signature).jsonBody(body);
      })
      .willRespondWith(FAILURE_STATUS, (b) =>
        b.jsonBody({
          code: '22070030',
          message: string('Format error-transType cannot be empty'),
          traceId: regex(TRACE, '174d6e0d78675e0c'),
          data: { status: 'FAILED' },
        }),
      )
      .executeTest(async (mock) => {
        const err = await refusal(
          client(mock).pay({
            ...PAY,
            merchantOrderId: 'PCNOTT0001',
            payMode: 'QRCODE',
            transType: undefined,
          }),
        );
        expect(err).to.include({ code: '22070030', status: 'FAILED' });
      }));

  it('gets the unified envelope for a pre-authorisation void', () =>
    pact
      .addInteraction()
      .given(PAYLOCO_STATES.orderExists, { merchantOrderId: ORDER.merchantOrderId })
      .uponReceiving('a pre-authorisation void answers the unified envelope')
      .reference('paycert', 'reading', 'P2')
      .withRequest('POST', PAYLOCO_PATHS.preAuthVoid, (b) =>
        b.headers(signature).jsonBody({ ...common, orderId: fromState('orderId', ORDER.orderId) }),
      )
      .willRespondWith(200, (b) =>
        b
          .jsonBody({
            code: '00000003',
            message: string('处理中'),
            traceId: regex(TRACE, '33fae7b7aed1233f'),
            data: { status: regex(STATUS, 'PENDING') },
          })
          .matchingRules({ body: [codeRule('$.code', OK_CODE, '00000003')] }),
      )
      .executeTest(async (mock) => {
        const r = await client(mock).preAuthVoid({ orderId: ORDER.orderId });
        expect(r.traceId).to.not.equal('');
      }));

  it('matches the committed contract', () => {
    const result = compareWithCommitted('payloco', join(dir, contractFileName('payloco')));
    expect(
      result.same,
      `contracts/${contractFileName('payloco')} is stale (${result.firstDifference}); regenerate with PAYCERT_UPDATE_CONTRACTS=1`,
    ).to.equal(true);
  });
});
