import { ensure } from '../../../src/checks/assert.js';
import { signingDiagnosis } from '../../../src/checks/signing-diagnosis.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import { probes } from '../../../src/engine/probe-file.js';
import type { AuthMode, PaylocoCredentials } from '../../../src/gateways/index.js';
import { paylocoVerify } from '../../../src/signing/payloco.js';
import { accepted, ensureNoOrder, ensureRejected, paths, qrOrder, qrPayBody } from './fixtures.js';
import { BREAKS_ORDER_SETUP } from './precondition-faults.js';

// P6: Base64 SHA256withRSA over the raw body bytes in the `signature` header; missing or invalid fails and creates
// nothing. The harness signs every request; `auth` asks it to sign wrongly.
async function payWith(t: CheckContext, auth: AuthMode) {
  const body = qrPayBody(t);
  const res = await t.post(paths.pay, body, { auth });
  return { merchantOrderId: body.merchantOrderId as string, res };
}

export default probes('payloco · signing', (p) => {
  p.check(
    {
      id: 'PL-SIG-001',
      title: 'a pay without a signature header is rejected',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco sign-tool' },
      killedBy: ['signature-not-checked'],
    },
    async (t) => {
      ensureRejected((await payWith(t, 'no-signature')).res, 'an unsigned pay');
    },
  );

  p.check(
    {
      id: 'PL-SIG-002',
      title: 'a pay whose signature covers other bytes (a tampered body) is rejected',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco sign-tool' },
      killedBy: ['signature-not-checked'],
    },
    async (t) => {
      ensureRejected((await payWith(t, 'bad-signature')).res, 'a pay whose signature covers other bytes');
    },
  );

  p.check(
    {
      id: 'PL-SIG-003',
      title: 'a pay signed with a key the target does not know is rejected',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco sign-tool' },
      killedBy: ['signature-not-checked'],
    },
    async (t) => {
      ensureRejected((await payWith(t, 'foreign-key')).res, 'a pay signed with a foreign key');
    },
  );

  p.check(
    {
      id: 'PL-SIG-004',
      title: 'an unsigned pay creates no order',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco sign-tool' },
      note: 'Observed through a query by merchantOrderId; the run first confirms that the query answers an unknown order with a failure code.',
      killedBy: ['bad-signature-creates-order', 'signature-not-checked'],
      erroredBy: ['query-unknown-succeeds'],
    },
    async (t) => {
      await ensureNoOrder(t, (await payWith(t, 'no-signature')).merchantOrderId);
    },
  );

  p.check(
    {
      id: 'PL-SIG-005',
      title: 'a pay with a tampered-body signature creates no order',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco sign-tool' },
      killedBy: ['bad-signature-creates-order', 'signature-not-checked'],
      erroredBy: ['query-unknown-succeeds'],
    },
    async (t) => {
      await ensureNoOrder(t, (await payWith(t, 'bad-signature')).merchantOrderId);
    },
  );

  p.check(
    {
      id: 'PL-SIG-006',
      title: 'a pay signed with a foreign key creates no order',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco sign-tool' },
      killedBy: ['bad-signature-creates-order', 'signature-not-checked'],
      erroredBy: ['query-unknown-succeeds'],
    },
    async (t) => {
      await ensureNoOrder(t, (await payWith(t, 'foreign-key')).merchantOrderId);
    },
  );

  p.check(
    {
      id: 'PL-SIG-007',
      title: 'a signature over the raw UTF-8 bytes of a spaced, non-ASCII body is accepted',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      clause:
        'When computing SHA256withRSA, convert byte stream with UTF-8 encoding to avoid incorrect signatures for Chinese parameters',
      spec: { section: 'payloco acquiring/transaction-query' },
      note: 'The body is pretty-printed JSON with a Chinese goodsName, signed as sent: a target that re-serialises the JSON before verifying rejects it.',
      killedBy: ['signature-over-reserialized-body'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      // Precondition: the same pay, compact and ASCII, is accepted; so a rejection here is about the bytes signed.
      await t.use(qrOrder);
      // Pretty-printed, with non-ASCII text: the signature covers exactly these UTF-8 bytes.
      const raw = JSON.stringify(qrPayBody(t, { goodsName: 'paycert 测试商品 · café' }), null, 2);
      const res = await t.request({ method: 'POST', path: paths.pay, body: raw });
      ensure(
        accepted(res) !== undefined,
        'a correctly signed pay was not accepted',
        'code 00000000 or 00000003',
        {
          status: res.status,
          code: res.body?.code,
          message: res.body?.message,
        },
      );
    },
  );

  p.check(
    {
      id: 'PL-SIG-008',
      title: 'a response signature header verifies with the platform public key',
      level: 'SHOULD',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      clause:
        "If the merchant's request signature is verified successfully, PayLoco will include a response signature in the HTTP response header. We recommend that merchants verify the response signature.",
      spec: { section: 'payloco webhooks/signature' },
      note: 'Verified over the raw response body (the docs do not name the signed bytes); skipped without a platform public key or without a signature header.',
      killedBy: ['response-signature-invalid'],
      erroredBy: BREAKS_ORDER_SETUP,
    },
    async (t) => {
      const key = (t.credentials as PaylocoCredentials).platformPublicKeyPem;
      if (!key) return t.skip('no platform public key is configured (--platform-public-key)');
      const { res } = await t.use(qrOrder);
      const signature = res.headers.signature;
      if (!signature) return t.skip('the response carries no signature header: nothing to verify');
      ensure(
        paylocoVerify(res.text, signature, key),
        // A wrong platform key fails here too: say so, so the reader checks the key before blaming the gateway.
        "the response signature does not verify over the raw body with the platform public key given (if that key is not this environment's platform key, every signature fails this way)",
        'a valid SHA256withRSA signature',
        `${signature.slice(0, 16)}…`,
      );
    },
  );

  p.check(
    {
      id: 'PL-SIG-009',
      title: 'a pay signed with SHA256withRSA over its body is not refused as a wrongly signed one is',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'pay',
      capability: 'payin',
      spec: { section: 'payloco sign-tool' },
      note: 'A refusal is an answer with the status and code a wrongly signed pay gets (Payloco documents no code for it). When refused, the signing mistakes gateways make (SHA1withRSA, RSA-PSS, a re-serialised, key-sorted or pretty-printed body) are tried on a harmless query and the one accepted is named. HTTP 404/405 is a missing route, judged by the endpoint checks (P1): this check then errors.',
      killedBy: ['signature-sha1'],
      erroredBy: ['pay-v1-missing'],
    },
    async (t) => {
      const res = await t.post(paths.pay, qrPayBody(t));
      // A missing route is judged by the endpoint checks (P1), not as a signing failure.
      if (res.status === 404 || res.status === 405)
        throw new SetupError(
          `the pay route answered HTTP ${res.status}: a missing route, not a signature refusal (see PL-EP-001)`,
          'PL-EP-001',
        );
      if (accepted(res)) return;
      // Payloco documents no code for a refused signature: a refusal is an answer like the one to a wrongly signed pay.
      const wrong = await t.post(paths.pay, qrPayBody(t), { auth: 'bad-signature' });
      const code = res.body?.code;
      if (code === undefined || wrong.status !== res.status || wrong.body?.code !== code) return;
      t.note(await signingDiagnosis(t));
      ensure(
        false,
        'a pay signed exactly as P6 says was refused as a wrongly signed one is',
        'an answer unlike the one to a wrong signature (code 00000000 or 00000003 for this pay)',
        { status: res.status, code, message: res.body?.message },
      );
    },
  );
});
