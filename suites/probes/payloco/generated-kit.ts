import { createSign } from 'node:crypto';
import { ensure } from '../../../src/checks/assert.js';
import { SetupError } from '../../../src/core/outcome.js';
import type { CheckContext } from '../../../src/engine/context.js';
import type { PaylocoCredentials } from '../../../src/gateways/index.js';
import { type Body, getAt } from '../../../src/generate/body-path.js';
import type { Endpoint } from '../../../src/generate/endpoints.js';
import type { GatewayKit } from '../../../src/generate/families.js';
import { paylocoSign } from '../../../src/signing/payloco.js';
import {
  accepted,
  ensureRejected,
  qrOrder,
  qrPayBody,
  query,
  queryBody,
  queryTellsUnknown,
  v2PayBody,
  voidBody,
} from './fixtures.js';

// What the generated checks (src/generate) need to know of Payloco: valid bodies per endpoint and the profile's
// judgement of an answer (P1–P9). A refusal is a failure code (or a 4xx without an envelope), HTTP 200 or 400.

async function body(t: CheckContext, ep: Endpoint): Promise<Body> {
  switch (ep.name) {
    case 'pay':
      return qrPayBody(t);
    case 'query':
      return queryBody(t, { merchantOrderId: (await t.use(qrOrder)).merchantOrderId });
    case 'pre-auth-void':
      return voidBody(t);
    case 'pay-v2':
      return v2PayBody(t);
    default:
      throw new SetupError(`no valid body known for ${ep.name}`);
  }
}

const merchantOrderIdOf = (b: Body): unknown => b.merchantOrderId ?? getAt(b, ['data', 'merchantOrderId']);

function signWith(t: CheckContext, raw: string, algorithm: 'RSA-SHA256' | 'RSA-SHA1'): string {
  const pem = (t.credentials as PaylocoCredentials).privateKeyPem;
  return algorithm === 'RSA-SHA256'
    ? paylocoSign(raw, pem)
    : createSign(algorithm).update(Buffer.from(raw, 'utf8')).sign(pem, 'base64');
}

export const paylocoKit: GatewayKit = {
  body,

  uniqueValue(t, _ep, f, length) {
    if (f.path[f.path.length - 1] !== 'merchantOrderId') return undefined;
    return `PC${t
      .uniqueId('PC', length)
      .slice(2)
      .padStart(length - 2, 'X')}`;
  },

  refused(_t, _ep, res) {
    ensureRejected(res, 'the invalid request');
  },

  accepted(_t, ep, res) {
    ensure(
      accepted(res) !== undefined,
      `a valid ${ep.name} request was refused: HTTP ${res.status}, code ${JSON.stringify(res.body?.code)} ${JSON.stringify(res.body?.message)}`,
      'code 00000000 or 00000003',
      { status: res.status, code: res.body?.code, message: res.body?.message },
    );
  },

  async exists(t, _ep, b) {
    const id = merchantOrderIdOf(b);
    if (typeof id !== 'string' || id === '') return false;
    await t.use(queryTellsUnknown);
    return accepted(await query(t, { merchantOrderId: id })) !== undefined;
  },

  async echoedAmount(t, _ep, b) {
    const res = await query(t, { merchantOrderId: merchantOrderIdOf(b) as string });
    const found = accepted(res);
    if (!found?.data)
      throw new SetupError('the new order could not be queried (see PL-QRY-001)', 'PL-QRY-001');
    return found.data.transAmt;
  },

  sendBadAuth(t, ep, b, variant) {
    const raw = JSON.stringify(b);
    switch (variant) {
      case 'no-signature':
        return t.post(ep.path, b, { auth: 'no-signature' });
      case 'wrong-key':
        return t.post(ep.path, b, { auth: 'foreign-key' });
      case 'sha1':
        return t.post(ep.path, raw, { auth: 'none', headers: { signature: signWith(t, raw, 'RSA-SHA1') } });
      default: {
        // Signed, then a value changed: the signature is genuine but covers other bytes.
        const signature = signWith(t, raw, 'RSA-SHA256');
        const tampered = JSON.stringify({ ...b, charset: b.charset === 'UTF-8' ? 'utf-8' : 'UTF-8' });
        return t.post(ep.path, tampered, { auth: 'none', headers: { signature } });
      }
    }
  },

  authRefused(_t, _ep, res) {
    ensureRejected(res, 'the request with a broken signature');
  },

  signaturePassed(t, ep, res, b) {
    paylocoKit.accepted(t, ep, res, b);
  },

  cornerMembers: { empty: 'remark', nil: 'attach', nested: 'extInfo', list: 'tags', text: 'remark' },

  envelopeSchema() {
    return 'payloco/envelope.schema.json';
  },
};
