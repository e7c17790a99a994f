import { check, ensureJsonContentType, ensureJsonObject, type ProbeResponse } from '../../../src/index.js';
import { createBody, PATH, queryBody, requestId, without } from './fixtures.js';

// L1: every answer with a body is JSON labelled application/json (a charset parameter is allowed).

function ensureJsonAnswer(res: ProbeResponse): void {
  ensureJsonContentType(res);
  ensureJsonObject(res);
}

/** Answers without a body (e.g. a bare 401) have nothing to label. */
function ensureJsonIfBody(res: ProbeResponse): void {
  if (res.text.trim() === '') return;
  ensureJsonAnswer(res);
}

describe('lesspay · transport', () => {
  // check: a successful create-order answer is JSON labelled application/json
  check('LP-TR-001', async (t) => {
    ensureJsonAnswer(await t.post(PATH.createPayin, createBody(t)));
  });

  // check: a business error answer is JSON labelled application/json
  check('LP-TR-002', async (t) => {
    ensureJsonAnswer(await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') })));
  });

  // check: a parameter error answer is JSON labelled application/json
  check('LP-TR-003', async (t) => {
    ensureJsonAnswer(await t.post(PATH.createPayin, without(createBody(t), 'product_name')));
  });

  // check: an authentication failure with a body is JSON labelled application/json
  check('LP-TR-004', async (t) => {
    const res = await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }), {
      auth: 'bad-signature',
    });
    ensureJsonIfBody(res);
  });

  // check: an unknown-path answer with a body is JSON labelled application/json
  check('LP-TR-005', async (t) => {
    ensureJsonIfBody(await t.post('/api/global/v1/pay/paycert-no-such-endpoint', {}));
  });

  // check: a wrong-method answer with a body is JSON labelled application/json
  check('LP-TR-006', async (t) => {
    ensureJsonIfBody(await t.request({ method: 'GET', path: PATH.createPayin }));
  });

  // check: a payout answer is JSON labelled application/json
  check('LP-TR-007', async (t) => {
    ensureJsonAnswer(await t.post(PATH.queryPayout, { request_id: t.uniqueId('NX', 64) }));
  });
});
