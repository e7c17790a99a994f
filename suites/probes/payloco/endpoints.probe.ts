import { ensure } from '../../../src/checks/assert.js';
import type { CheckContext, ProbeResponse } from '../../../src/engine/context.js';
import { setup } from '../../../src/engine/probe.js';
import { probes } from '../../../src/engine/probe-file.js';
import { accepted, commonParams, paths, qrPayBody, query, v2Pay, voidAnswer } from './fixtures.js';

// P1: each of the four documented endpoints exists. A valid, correctly signed request is answered with a business
// code (success, pending or a business failure), never HTTP 404/405 nor the target's own "no such path" answer. The
// error-code table is not published, so that answer is learnt from the target: what it says to a path that cannot
// exist and to a GET on a documented path. A code is taken as "no such path" only when both code and message are
// the same as there, so a gateway that uses one generic failure code for everything is not failed for it.

const MISSING_STATUS = [404, 405];

interface RoutingAnswer {
  what: string;
  status: number;
  code: unknown;
  message: unknown;
}

const routingOf = (what: string, res: ProbeResponse): RoutingAnswer => ({
  what,
  status: res.status,
  code: res.body?.code,
  message: res.body?.message,
});

/** What the target answers where no endpoint is: a path that cannot exist, and a GET on the pay path. */
const routingAnswers = setup(
  'the target was asked for a path that does not exist and with a GET',
  async (t) => [
    routingOf(
      'a POST to an unknown path',
      await t.post('/v1/payments/open/api/paycertNoSuchEndpoint', commonParams(t)),
    ),
    routingOf('a GET on the pay path', await t.request({ method: 'GET', path: paths.pay })),
  ],
);

/** The answers judged here stand alone: a missing pay endpoint must not make the query's check unjudgeable. */
const payAnswer = setup('a valid active QR pay was answered', async (t) => {
  const body = qrPayBody(t);
  return { res: await t.post(paths.pay, body), merchantOrderId: body.merchantOrderId as string };
});

/**
 * A query of the order just paid for, which a gateway answers with success whatever its failure codes look like;
 * only when no order could be created, a query of an id never used (a business failure is then the answer).
 */
const queryAnswer = setup('a query of an order was answered', async (t) => {
  const pay = await t.use(payAnswer);
  const known = accepted(pay.res) !== undefined;
  const res = await query(t, { merchantOrderId: known ? pay.merchantOrderId : t.uniqueId('PC', 32) });
  return { res, known };
});

const isFailureCode = (code: unknown) =>
  (typeof code === 'string' || typeof code === 'number') && Number(code) !== 0 && Number(code) !== 3;

async function ensureExists(t: CheckContext, res: ProbeResponse, path: string): Promise<void> {
  const answer = { status: res.status, code: res.body?.code, message: res.body?.message };
  ensure(
    !MISSING_STATUS.includes(res.status),
    `${path} answered a valid, signed request with HTTP ${res.status}: the documented endpoint is missing`,
    'a documented business code (not HTTP 404/405)',
    answer,
  );
  if (!isFailureCode(answer.code)) return;
  for (const routing of await t.use(routingAnswers)) {
    if (!isFailureCode(routing.code) || typeof routing.message !== 'string') continue;
    ensure(
      String(routing.code) !== String(answer.code) || routing.message !== answer.message,
      `${path} answered a valid, signed request as it answers ${routing.what} (code ${String(answer.code)} "${routing.message}"): the documented endpoint is missing`,
      'a documented business code (success, pending or a business failure)',
      { answer, [routing.what]: { status: routing.status, code: routing.code, message: routing.message } },
    );
  }
  t.note(`${path} answered HTTP ${res.status} with failure code ${String(answer.code)}: it exists`);
}

export default probes('payloco · documented endpoints', (p) => {
  p.check(
    {
      id: 'PL-EP-001',
      title: 'the v1 pay endpoint answers a valid request with a business code',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco acquiring/payment' },
      note: 'The request is an active QR pay (P7). A valid, correctly signed request answered HTTP 404 or 405, or with the code and message the target gives a path that does not exist or a GET on the pay path, means the endpoint is missing. The error-code table is unpublished, so that answer is learnt from the target; a code shared with it but with another message (a generic failure code) is not taken as missing.',
      clause:
        'Each of the four documented endpoints exists: a valid, correctly signed request to it is answered with a documented business code (success, pending or a business failure such as an unknown order), never HTTP 404/405 or a not-found/unsupported-path code.',
      killedBy: ['pay-v1-missing'],
    },
    async (t) => {
      await ensureExists(t, (await t.use(payAnswer)).res, paths.pay);
    },
  );

  p.check(
    {
      id: 'PL-EP-002',
      title: 'the v2 pay endpoint answers a valid request with a business code',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'pay-v2',
      capability: 'v2',
      spec: { section: 'payloco acquiring/payment' },
      note: "The request is the docs' v2 example, business fields nested in data. A valid, correctly signed request answered HTTP 404 or 405, or with the code and message the target gives a path that does not exist or a GET on the pay path, means the endpoint is missing. The error-code table is unpublished, so that answer is learnt from the target; a code shared with it but with another message (a generic failure code) is not taken as missing.",
      clause:
        'Each of the four documented endpoints exists: a valid, correctly signed request to it is answered with a documented business code (success, pending or a business failure such as an unknown order), never HTTP 404/405 or a not-found/unsupported-path code.',
      killedBy: ['pay-v2-missing'],
    },
    async (t) => {
      await ensureExists(t, await t.use(v2Pay), paths.payV2);
    },
  );

  p.check(
    {
      id: 'PL-EP-003',
      title: 'the query endpoint answers a valid request with a business code',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'query',
      capability: 'payin',
      spec: { section: 'payloco acquiring/transaction-query' },
      note: 'The request queries the order a valid pay just created (success expected); when the pay created none, a merchantOrderId never used (a business failure, unknown order, expected). A valid, correctly signed request answered HTTP 404 or 405, or with the code and message the target gives a path that does not exist or a GET on the pay path, means the endpoint is missing. The error-code table is unpublished, so that answer is learnt from the target; a code shared with it but with another message (a generic failure code) is not taken as missing.',
      killedBy: ['query-endpoint-missing'],
    },
    async (t) => {
      const { res, known } = await t.use(queryAnswer);
      if (!known) t.note('no order could be created, so an order id never used was queried');
      await ensureExists(t, res, paths.query);
    },
  );

  p.check(
    {
      id: 'PL-EP-004',
      title: 'the preAuthVoid endpoint answers a valid request with a business code',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'pre-auth-void',
      capability: 'preauth',
      spec: { section: 'payloco pre-auth-reversal' },
      note: "The request is the docs' example: the common parameters only. A valid, correctly signed request answered HTTP 404 or 405, or with the code and message the target gives a path that does not exist or a GET on the pay path, means the endpoint is missing. The error-code table is unpublished, so that answer is learnt from the target; a code shared with it but with another message (a generic failure code) is not taken as missing.",
      killedBy: ['pre-auth-void-missing'],
    },
    async (t) => {
      await ensureExists(t, await t.use(voidAnswer), paths.preAuthVoid);
    },
  );
});
