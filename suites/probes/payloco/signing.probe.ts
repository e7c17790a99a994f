import {
  type AuthMode,
  type CheckContext,
  check,
  ensure,
  type PaylocoCredentials,
  paylocoVerify,
  SetupError,
  signingDiagnosis,
} from '../../../src/index.js';
import { accepted, ensureNoOrder, ensureRejected, paths, qrOrder, qrPayBody } from './fixtures.js';

// P6: Base64 SHA256withRSA over the raw body bytes in the `signature` header; missing or invalid fails and creates
// nothing. The harness signs every request; `auth` asks it to sign wrongly.
async function payWith(t: CheckContext, auth: AuthMode) {
  const body = qrPayBody(t);
  const res = await t.post(paths.pay, body, { auth });
  return { merchantOrderId: body.merchantOrderId as string, res };
}

describe('payloco · signing', () => {
  // check: a pay without a signature header is rejected
  check('PL-SIG-001', async (t) => {
    ensureRejected((await payWith(t, 'no-signature')).res, 'an unsigned pay');
  });

  // check: a pay whose signature covers other bytes (a tampered body) is rejected
  check('PL-SIG-002', async (t) => {
    ensureRejected((await payWith(t, 'bad-signature')).res, 'a pay whose signature covers other bytes');
  });

  // check: a pay signed with a key the target does not know is rejected
  check('PL-SIG-003', async (t) => {
    ensureRejected((await payWith(t, 'foreign-key')).res, 'a pay signed with a foreign key');
  });

  // check: an unsigned pay creates no order
  check('PL-SIG-004', async (t) => {
    await ensureNoOrder(t, (await payWith(t, 'no-signature')).merchantOrderId);
  });

  // check: a pay with a tampered-body signature creates no order
  check('PL-SIG-005', async (t) => {
    await ensureNoOrder(t, (await payWith(t, 'bad-signature')).merchantOrderId);
  });

  // check: a pay signed with a foreign key creates no order
  check('PL-SIG-006', async (t) => {
    await ensureNoOrder(t, (await payWith(t, 'foreign-key')).merchantOrderId);
  });

  // check: a signature over the raw UTF-8 bytes of a spaced, non-ASCII body is accepted
  check('PL-SIG-007', async (t) => {
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
  });

  // check: a response signature header verifies with the platform public key
  check('PL-SIG-008', async (t) => {
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
  });

  // check: a pay signed with SHA256withRSA over its body is not refused as a wrongly signed one is
  check('PL-SIG-009', async (t) => {
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
  });
});
