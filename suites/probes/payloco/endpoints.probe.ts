import { type CheckContext, check, ensure, type ProbeResponse, setup } from '../../../src/index.js';
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

describe('payloco · documented endpoints', () => {
  // check: the v1 pay endpoint answers a valid request with a business code
  check('PL-EP-001', async (t) => {
    await ensureExists(t, (await t.use(payAnswer)).res, paths.pay);
  });

  // check: the v2 pay endpoint answers a valid request with a business code
  check('PL-EP-002', async (t) => {
    await ensureExists(t, await t.use(v2Pay), paths.payV2);
  });

  // check: the query endpoint answers a valid request with a business code
  check('PL-EP-003', async (t) => {
    const { res, known } = await t.use(queryAnswer);
    if (!known) t.note('no order could be created, so an order id never used was queried');
    await ensureExists(t, res, paths.query);
  });

  // check: the preAuthVoid endpoint answers a valid request with a business code
  check('PL-EP-004', async (t) => {
    await ensureExists(t, await t.use(voidAnswer), paths.preAuthVoid);
  });
});
