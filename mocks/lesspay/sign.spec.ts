import { expect } from 'chai';
import { authenticate } from './auth.js';
import type { MockContext } from './context.js';
import { add, compare, dec, formatDecimal, parseDecimal, sum } from './decimal.js';
import { compactJson, parseJson, RawNumber } from './json.js';
import { CONFORMANT } from './knobs.js';
import { canonicalString, sign, stringToSign, withoutEmptyInArrays } from './sign.js';

describe('lesspay mock: L3 signer', () => {
  it('reproduces the profile test vector', () => {
    const body = parseJson(
      '{"target_currency":"USDT","target_amount":100,"transaction_type":"PAY_IN"}',
    ) as any;
    expect(stringToSign(body, 'Wy31kFZf4jkE+Y2XZhmFuQ')).to.equal(
      'target_amount=100&target_currency=USDT&transaction_type=PAY_IN&key=Wy31kFZf4jkE+Y2XZhmFuQ',
    );
    expect(sign(body, 'Wy31kFZf4jkE+Y2XZhmFuQ')).to.equal(
      'CA7807E87BCE0AE490E7ADBD4E600E5112347C818AC06E07352F28CB2FDD70DF',
    );
  });

  it('reproduces the demo README example', () => {
    const body = { target_amount: '100', target_currency: 'USD', transaction_type: 'PAY_IN' };
    expect(sign(body, 'YOUR_SECRET_KEY')).to.equal(
      'F597507A71153F2F5C9D0E1A6C5C9EC90126283BDFEDE4F1F61910B99166B447',
    );
  });

  it('drops null and "" values, keeps 0 and false', () => {
    expect(canonicalString({ b: null, a: '', c: 0, d: false, e: 'x' })).to.equal('c=0&d=false&e=x');
  });

  it('sorts keys in ASCII order (upper case before lower case, "_" between)', () => {
    expect(canonicalString({ b: 1, B: 2, a_b: 3, aB: 4, a: 5 })).to.equal('B=2&a=5&aB=4&a_b=3&b=1');
  });

  it('renders nested objects as k={...} recursively, arrays as compact JSON', () => {
    const body = parseJson(
      '{"z":{"y":{"b":"2","a":1.50},"x":"","w":null},"arr":[{"k":"v","n":1.0},2]}',
    ) as any;
    expect(canonicalString(body)).to.equal('arr=[{"k":"v","n":1.0},2]&z={y={a=1.50&b=2}}');
  });

  it('leaves out empty members inside arrays for the demo reading, keeping number text', () => {
    const body = parseJson('{"d":[{"a":"1.50","s":null,"e":"","n":{"x":null,"y":2.0}}],"t":null}') as any;
    expect(canonicalString(withoutEmptyInArrays(body) as any)).to.equal('d=[{"a":"1.50","n":{"y":2.0}}]');
  });

  it('accepts an array with an empty member signed as written or as the demo signs it, and nothing else', () => {
    const ctx = {
      knobs: CONFORMANT,
      credentials: { appId: 'app', appSecret: 's3' },
      variant: 'a',
    } as MockContext;
    const body = parseJson(
      '{"request_id":"B1","payout_order_details":[{"amount":"1","bank_swift_code":null}]}',
    ) as any;
    const headers = (signature: string) => ({ 'x-auth-appid': 'app', 'x-auth-signature': signature });
    expect(authenticate(headers(sign(body, 's3')), body, ctx)).to.equal(undefined);
    expect(authenticate(headers(sign(withoutEmptyInArrays(body) as any, 's3')), body, ctx)).to.equal(
      undefined,
    );
    expect(authenticate(headers(sign(body, 'other')), body, ctx)?.outcome).to.equal('auth');
  });

  it('signs numbers as written', () => {
    const body = parseJson('{"amount":100.50,"page":1e3}') as any;
    expect(canonicalString(body)).to.equal('amount=100.50&page=1e3');
  });

  it('signs an empty body as SHA-256 of key=<secret>', () => {
    expect(stringToSign({}, 's3cret')).to.equal('key=s3cret');
    expect(stringToSign({ a: null, b: '' }, 's3cret')).to.equal('key=s3cret');
    expect(sign({}, 's3cret')).to.match(/^[0-9A-F]{64}$/);
  });
});

describe('lesspay mock: JSON reader', () => {
  it('keeps number text and round-trips compact JSON', () => {
    const v = parseJson(' { "a" : [1.10, -2e5, true, null, "x\\u0041"], "b": {} } ') as any;
    expect(v.a[0]).to.be.instanceOf(RawNumber);
    expect(compactJson(v)).to.equal('{"a":[1.10,-2e5,true,null,"xA"],"b":{}}');
  });

  it('rejects malformed text', () => {
    for (const t of ['', '{', '{"a":1,}', '[1 2]', '{"a":01}', 'nul', '{"a":1} x', "{'a':1}"])
      expect(() => parseJson(t), t).to.throw(SyntaxError);
  });

  it('reads strings as JSON does: plain text as is, escapes decoded, raw control characters and bad escapes refused', () => {
    const v = parseJson('{"plain":"a b/é€","esc":"\\"q\\" \\\\ \\n \\u00e9","empty":""}') as any;
    expect(v).to.deep.equal(JSON.parse('{"plain":"a b/é€","esc":"\\"q\\" \\\\ \\n \\u00e9","empty":""}'));
    for (const t of ['{"a":"x\u0001"}', '{"a":"tab\there"}', '{"a":"\\x41"}', '{"a":"\\u12"}'])
      expect(() => parseJson(t), JSON.stringify(t)).to.throw(SyntaxError);
  });

  it('treats "__proto__" as data', () => {
    const v = parseJson('{"__proto__":{"x":1}}') as any;
    expect(Object.keys(v)).to.deep.equal(['__proto__']);
  });
});

describe('lesspay mock: decimals', () => {
  it('adds and compares exactly', () => {
    expect(compare(sum([dec('0.10'), dec('0.20')]), dec('0.3'))).to.equal(0);
    expect(formatDecimal(add(dec('999.99'), dec('0.011')))).to.equal('1000.001');
    expect(parseDecimal('1e3')).to.equal(undefined);
    expect(parseDecimal('-1')).to.equal(undefined);
    expect(formatDecimal(dec('5'), 2)).to.equal('5.00');
  });
});
