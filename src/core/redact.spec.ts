import { expect } from 'chai';
import { loadFixture, REGISTERED_SECRET, SECRETS } from '../../test/fixtures/results/index.js';
import { renderHtml } from '../report/html.js';
import { renderJunit } from '../report/junit.js';
import { clearSecrets, REDACTED, redactDeep, redactSecrets, redactText, registerSecret } from './redact.js';

describe('report redaction', () => {
  afterEach(() => clearSecrets());

  it('masks secret header values in raw HTTP text and curl lines', () => {
    const text = [
      "curl -X POST 'https://x.example/p' -H 'x-auth-signature: abc123' -H \"Authorization: Bearer t0k en\"",
      " -H 'content-type: application/json' --header 'X-Signature: s1g'",
      'Signature: t=1,v1=deadbeef',
      'cookie: a=b; c=d',
      'x-auth-appsecret:verysecret',
    ].join('\n');
    const out = redactText(text);
    for (const s of ['abc123', 't0k en', 's1g', 'deadbeef', 'a=b', 'verysecret'])
      expect(out).not.to.include(s);
    expect(out).to.include("-H 'content-type: application/json'");
    expect(out).to.include(`-H 'x-auth-signature: ${REDACTED}'`);
  });

  it('masks secret fields in JSON text and query strings, and leaves other fields alone', () => {
    const out = redactText('{"signature":"a\\"b","amount":"1.00"} https://x/y?a=1&signature=zzz&b=2');
    expect(out).to.equal(
      `{"signature":"${REDACTED}","amount":"1.00"} https://x/y?a=1&signature=${REDACTED}&b=2`,
    );
  });

  it('masks PEM private keys, also truncated ones', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34\n-----END RSA PRIVATE KEY-----';
    expect(redactText(`key ${pem} after`)).to.equal(`key -----BEGIN RSA PRIVATE KEY-----${REDACTED} after`);
    expect(redactText('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI')).not.to.include('MHcCAQEEI');
  });

  it('masks registered secrets wherever they appear, URL-encoded too', () => {
    registerSecret('s3cr3t/value+1');
    registerSecret('abc'); // too short to register: masking it would shred unrelated text
    expect(redactSecrets('x s3cr3t/value+1 y s3cr3t%2Fvalue%2B1 abc')).to.equal(
      `x ${REDACTED} y ${REDACTED} abc`,
    );
  });

  it('redactDeep masks values under secret header names and leaves the input untouched', () => {
    const input = {
      headers: { 'X-Auth-Signature': 'sig', Cookie: 'c', accept: '*/*' },
      list: ['Signature: s'],
    };
    const out = redactDeep(input);
    expect(out).to.deep.equal({
      headers: { 'X-Auth-Signature': REDACTED, Cookie: REDACTED, accept: '*/*' },
      list: [`Signature: ${REDACTED}`],
    });
    expect(input.headers['X-Auth-Signature']).to.equal('sig');
  });

  // These render the unredacted fixture directly: take redactDeep out of renderHtml or renderJunit and they fail.
  it('no fixture secret reaches the HTML report', () => {
    registerSecret(REGISTERED_SECRET);
    const html = renderHtml(loadFixture());
    for (const s of SECRETS) expect(html, s).not.to.include(s);
    expect(html).to.include(REDACTED);
  });

  it('no fixture secret reaches the JUnit report', () => {
    registerSecret(REGISTERED_SECRET);
    const xml = renderJunit(loadFixture());
    for (const s of SECRETS) expect(xml, s).not.to.include(s);
    expect(xml).to.include(REDACTED);
  });

  it('the registered secret is caught only because it is registered', () => {
    // Proves the fixture exercises registerSecret: without it the echoed app secret would leak.
    expect(renderHtml(loadFixture())).to.include(REGISTERED_SECRET);
  });
});
