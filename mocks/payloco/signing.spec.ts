import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  paths,
  post,
  qrPayBody,
  queryBody,
  responseSignatureVerifies,
  signText,
} from '../../test/kits/payloco-mock.js';
import { type RunningMock, startPaylocoMock } from './index.js';

describe('payloco mock: request and response signatures (P6)', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await startPaylocoMock();
  });
  after(() => mock.close());

  async function orderExists(merchantOrderId: unknown): Promise<boolean> {
    const res = await post(mock, paths.query, queryBody(mock, { merchantOrderId }));
    return res.body.code !== '22070040';
  }

  it('bundles 2048-bit PKCS#8 test keys whose pairs match', () => {
    const { privateKeyPath, platformPublicKeyPath } = mock.credentials;
    expect(readFileSync(privateKeyPath, 'utf8')).to.match(/^-----BEGIN PRIVATE KEY-----/);
    const merchant = createPrivateKey(readFileSync(privateKeyPath));
    expect(merchant.asymmetricKeyDetails?.modulusLength).to.equal(2048);
    const platformPublic = createPublicKey(readFileSync(platformPublicKeyPath));
    expect(platformPublic.asymmetricKeyDetails?.modulusLength).to.equal(2048);
  });

  it('accepts a body signed over its raw bytes and signs the response with the platform key', async () => {
    const res = await post(mock, paths.pay, qrPayBody(mock));
    expect(res.body.code).to.equal('00000003');
    expect(res.headers.signature).to.be.a('string');
    expect(responseSignatureVerifies(mock, res)).to.equal(true);
  });

  it('verifies the raw bytes, whitespace and non-ASCII text included', async () => {
    const body = qrPayBody(mock, { goodsName: 'iPhone 15 手机' });
    const text = JSON.stringify(body, null, 4);
    const res = await post(mock, paths.pay, text);
    expect(res.body.code).to.equal('00000003');
    expect(responseSignatureVerifies(mock, res)).to.equal(true);
  });

  const rejected: Array<[string, (text: string) => string | null]> = [
    ['a missing signature', () => null],
    ['a garbage signature', () => 'not-a-signature'],
    ['an empty signature', () => ''],
    ['a signature of another body (tampered body)', (text) => signText(mock, text.replace('20.01', '20.02'))],
  ];
  for (const [name, signatureFor] of rejected) {
    it(`rejects ${name} with 11000001 and FAILED, creating nothing, response unsigned`, async () => {
      const body = qrPayBody(mock);
      const text = JSON.stringify(body);
      const res = await post(mock, paths.pay, text, { signature: signatureFor(text) });
      expect(res.body.code).to.equal('11000001');
      expect(res.body.message).to.equal('Signature verification failed');
      expect(res.body.data.status).to.equal('FAILED');
      expect(res.headers.signature).to.equal(undefined);
      expect(await orderExists(body.merchantOrderId)).to.equal(false);
    });
  }

  it('rejects a signature made with a key other than the merchant key', async () => {
    const other = createPrivateKey(
      readFileSync(mock.credentials.privateKeyPath.replace('merchant', 'platform')),
    );
    const { sign } = await import('node:crypto');
    const text = JSON.stringify(qrPayBody(mock));
    const signature = sign('sha256', Buffer.from(text), other).toString('base64');
    const res = await post(mock, paths.pay, text, { signature });
    expect(res.body.code).to.equal('11000001');
  });

  it('signs the response of every request whose signature verified, failures included', async () => {
    const res = await post(mock, paths.query, queryBody(mock, { orderId: 'no-such-order' }));
    expect(res.body.code).to.equal('22070040');
    expect(responseSignatureVerifies(mock, res)).to.equal(true);
  });
});
