import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { type StubReply, startStub } from '../../test/kits/client-stub.js';
import { paylocoSign, paylocoVerify } from '../signing/payloco.js';
import { PaylocoClient, PaylocoError, PaylocoProtocolError, requestTime } from './payloco.js';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (k: any, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }) as string;
const credentials = { merchantId: 'M1', privateKeyPem: pem(merchant.privateKey, 'pkcs8') };
const withPlatform = { ...credentials, platformPublicKeyPem: pem(platform.publicKey, 'spki') };

const pending = {
  code: '00000003',
  message: 'PROCESSING',
  traceId: 'abc',
  data: { status: 'PENDING', orderId: 'O1' },
};

async function withStub(
  reply: () => StubReply,
  fn: (base: string, seen: any[]) => Promise<void>,
): Promise<void> {
  const stub = await startStub(() => reply());
  try {
    await fn(stub.url, stub.seen);
  } finally {
    await stub.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('clients/payloco', () => {
  it('sends the common parameters and signs the exact bytes sent', async () => {
    await withStub(
      () => ({ body: pending }),
      async (baseUrl, seen) => {
        const client = new PaylocoClient({
          baseUrl,
          credentials,
          now: () => new Date(Date.UTC(2024, 4, 24, 6, 29, 32, 682)),
        });
        const r = await client.pay({
          merchantOrderId: 'MO1',
          transAmt: '20.01',
          currency: 'USD',
          payMode: 'QRCODE',
        });
        expect(r).to.include({
          code: '00000003',
          status: 'PENDING',
          traceId: 'abc',
          signatureVerified: false,
        });
        const req = seen[0];
        expect(req.url).to.equal('/v1/payments/open/api/pay');
        const sent = JSON.parse(req.text);
        expect(sent).to.include({ version: '2.0.0', transType: 'PAY', merchantId: 'M1', signType: 'RSA' });
        expect(sent.requestTime).to.match(/^2024-05-2\dT\d\d:29:32\.682[+-]\d\d:\d\d$/);
        expect(paylocoVerify(req.text, req.headers.signature, merchant.publicKey)).to.equal(true);
      },
    );
  });

  it('leaves transType out when asked to', async () => {
    await withStub(
      () => ({
        status: 400,
        body: {
          code: '22070030',
          message: 'Format error-transType cannot be empty',
          traceId: 't',
          data: { status: 'FAILED' },
        },
      }),
      async (baseUrl, seen) => {
        const client = new PaylocoClient({ baseUrl, credentials });
        const err = await rejection(
          client.pay({ merchantOrderId: 'MO1', transAmt: '1.00', currency: 'USD', transType: undefined }),
        );
        expect(err).to.be.instanceOf(PaylocoError);
        expect(err).to.include({ code: '22070030', traceId: 't', httpStatus: 400, status: 'FAILED' });
        expect(JSON.parse(seen[0].text)).to.not.have.property('transType');
      },
    );
  });

  it('rejects envelopes without traceId or with a numeric code', async () => {
    for (const body of [
      { ...pending, traceId: undefined },
      { ...pending, code: 3 },
    ]) {
      await withStub(
        () => ({ body }),
        async (baseUrl) => {
          const err = await rejection(new PaylocoClient({ baseUrl, credentials }).query({ orderId: 'O1' }));
          expect(err).to.be.instanceOf(PaylocoProtocolError);
        },
      );
    }
  });

  it('verifies a response signature with the platform key when present', async () => {
    const text = JSON.stringify(pending);
    await withStub(
      () => ({ body: text, headers: { signature: paylocoSign(text, platform.privateKey) } }),
      async (baseUrl) => {
        const r = await new PaylocoClient({ baseUrl, credentials: withPlatform }).query({
          merchantOrderId: 'MO1',
        });
        expect(r.signatureVerified).to.equal(true);
      },
    );
    await withStub(
      () => ({ body: text, headers: { signature: paylocoSign(`${text} `, platform.privateKey) } }),
      async (baseUrl) => {
        const err = await rejection(
          new PaylocoClient({ baseUrl, credentials: withPlatform }).query({ orderId: 'O1' }),
        );
        expect(err.message).to.match(/does not verify/);
      },
    );
    await withStub(
      () => ({ body: text }),
      async (baseUrl) => {
        const lax = await new PaylocoClient({ baseUrl, credentials: withPlatform }).query({ orderId: 'O1' });
        expect(lax.signatureVerified).to.equal(false);
        const strict = new PaylocoClient({
          baseUrl,
          credentials: withPlatform,
          requireResponseSignature: true,
        });
        expect(await rejection(strict.query({ orderId: 'O1' }))).to.be.instanceOf(PaylocoProtocolError);
      },
    );
  });

  it('formats requestTime like the docs', () => {
    expect(requestTime(new Date())).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });
});
