import { ensureJsonContentType, ensureJsonObject } from '../../../src/checks/response.js';
import type { ProbeResponse } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
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

export default probes('lesspay · transport', (p) => {
  p.check(
    {
      id: 'LP-TR-001',
      title: 'a successful create-order answer is JSON labelled application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L1' },
      killedBy: ['content-type-missing', 'html-content-type'],
    },
    async (t) => {
      ensureJsonAnswer(await t.post(PATH.createPayin, createBody(t)));
    },
  );

  p.check(
    {
      id: 'LP-TR-002',
      title: 'a business error answer is JSON labelled application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L1' },
      killedBy: ['content-type-missing', 'errors-as-text', 'html-content-type'],
    },
    async (t) => {
      ensureJsonAnswer(await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') })));
    },
  );

  p.check(
    {
      id: 'LP-TR-003',
      title: 'a parameter error answer is JSON labelled application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L1' },
      killedBy: ['content-type-missing', 'errors-as-text', 'html-content-type'],
    },
    async (t) => {
      ensureJsonAnswer(await t.post(PATH.createPayin, without(createBody(t), 'product_name')));
    },
  );

  p.check(
    {
      id: 'LP-TR-004',
      title: 'an authentication failure with a body is JSON labelled application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'query-order',
      capability: 'payin',
      spec: { section: 'profile L1' },
      killedBy: ['content-type-missing', 'errors-as-text', 'html-content-type'],
    },
    async (t) => {
      const res = await t.post(PATH.queryPayin, queryBody({ request_id: requestId(t, 'NX') }), {
        auth: 'bad-signature',
      });
      ensureJsonIfBody(res);
    },
  );

  p.check(
    {
      id: 'LP-TR-005',
      title: 'an unknown-path answer with a body is JSON labelled application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'any',
      capability: 'payin',
      spec: { section: 'profile L1' },
      killedBy: ['content-type-missing', 'errors-as-text', 'html-content-type'],
    },
    async (t) => {
      ensureJsonIfBody(await t.post('/api/global/v1/pay/paycert-no-such-endpoint', {}));
    },
  );

  p.check(
    {
      id: 'LP-TR-006',
      title: 'a wrong-method answer with a body is JSON labelled application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'create-order',
      capability: 'payin',
      spec: { section: 'profile L1' },
      killedBy: ['content-type-missing', 'errors-as-text', 'html-content-type'],
    },
    async (t) => {
      ensureJsonIfBody(await t.request({ method: 'GET', path: PATH.createPayin }));
    },
  );

  p.check(
    {
      id: 'LP-TR-007',
      title: 'a payout answer is JSON labelled application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'payout-query',
      capability: 'payout',
      spec: { section: 'profile L1' },
      killedBy: ['content-type-missing', 'errors-as-text', 'html-content-type'],
    },
    async (t) => {
      ensureJsonAnswer(await t.post(PATH.queryPayout, { request_id: t.uniqueId('NX', 64) }));
    },
  );
});
