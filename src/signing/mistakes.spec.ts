import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { diagnose, diagnosisRequest, isRefusal } from '../engine/diagnose.js';
import { lesspaySign } from './lesspay.js';
import { lesspayMistakes, paylocoMistakes } from './mistakes.js';
import { paylocoSign } from './payloco.js';

// The diagnosis is only as good as its request: on it, every mistake must sign differently from the docs' rule and
// from every other mistake, or an accepted mistake could not be named.

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;

describe('signing mistakes on the diagnosis request', () => {
  it('Lesspay: six mistakes, each a signature of its own, none the L3 one', () => {
    const { body } = diagnosisRequest('lesspay', { appId: 'a', appSecret: 's3cret' });
    const mistakes = lesspayMistakes(body, 's3cret');
    const signatures = mistakes.map((m) => m.signature);
    expect(new Set([...signatures, lesspaySign(body, 's3cret')]).size).to.equal(signatures.length + 1);
    expect(mistakes.map((m) => m.verifies).join('\n'))
      .to.include('HMAC-SHA256')
      .and.include('lower-case hex');
    expect(mistakes.every((m) => m.raw === JSON.stringify(body))).to.equal(true);
    // No mistake's description carries the secret.
    expect(mistakes.some((m) => m.verifies.includes('s3cret'))).to.equal(false);
  });

  it('Payloco: five mistakes, each a signature or body of its own, none the P6 one', () => {
    const { body } = diagnosisRequest('payloco', { merchantId: 'm', privateKeyPem: pem });
    const mistakes = paylocoMistakes(body, pem);
    const correct = paylocoSign(JSON.stringify(body), pem);
    const forms = mistakes.map((m) => `${m.raw}|${m.signature}`);
    expect(new Set(forms).size).to.equal(mistakes.length);
    // The body sent and the signature together are what the target verifies.
    const docs = `${JSON.stringify(body)}|${correct}`;
    expect(forms.filter((f) => f === docs)).to.deep.equal([]);
    expect(mistakes.map((m) => m.verifies)).to.include('SHA1withRSA (P6: SHA256withRSA)');
  });
});

describe('signing diagnosis', () => {
  const creds = { appId: 'a', appSecret: 's' };
  const { body } = diagnosisRequest('lesspay', creds);

  it('names the first mistake the target accepts, and stops there', async () => {
    const sent: string[] = [];
    const { accepted, tried } = await diagnose('lesspay', creds, body, async (m) => {
      sent.push(m.verifies);
      return { status: m.verifies.startsWith('the digest in lower-case hex') ? 200 : 401 };
    });
    expect(accepted?.verifies).to.equal('the digest in lower-case hex (L3: upper-case hex)');
    expect(tried).to.deep.equal(sent);
    expect(sent).to.have.length(3);
  });

  it('names none when every mistake is refused too, or the route is missing', async () => {
    expect((await diagnose('lesspay', creds, body, async () => ({ status: 401 }))).accepted).to.equal(
      undefined,
    );
    expect((await diagnose('lesspay', creds, body, async () => ({ status: 404 }))).accepted).to.equal(
      undefined,
    );
  });

  it('reads a Payloco refusal as the answer a wrongly signed request got', () => {
    const refusal = { status: 200, json: { code: '11000001' } };
    expect(isRefusal('payloco', { status: 200, json: { code: '11000001' } }, refusal)).to.equal(true);
    expect(isRefusal('payloco', { status: 200, json: { code: '12000004' } }, refusal)).to.equal(false);
    expect(isRefusal('lesspay', { status: 401 })).to.equal(true);
  });
});
