import { expect } from 'chai';
import { lesspayCallbackSign, lesspaySign, lesspayStringToSign, lesspayVerifyReading } from './lesspay.js';

describe('lesspay signing (L3)', () => {
  it('reproduces the profile test vector', () => {
    const body = { target_currency: 'USDT', target_amount: 100, transaction_type: 'PAY_IN' };
    expect(lesspayStringToSign(body, 'Wy31kFZf4jkE+Y2XZhmFuQ')).to.equal(
      'target_amount=100&target_currency=USDT&transaction_type=PAY_IN&key=Wy31kFZf4jkE+Y2XZhmFuQ',
    );
    expect(lesspaySign(body, 'Wy31kFZf4jkE+Y2XZhmFuQ')).to.equal(
      'CA7807E87BCE0AE490E7ADBD4E600E5112347C818AC06E07352F28CB2FDD70DF',
    );
  });

  it('reproduces the demo README example', () => {
    const body = { target_amount: '100', target_currency: 'USD', transaction_type: 'PAY_IN' };
    expect(lesspaySign(body, 'YOUR_SECRET_KEY')).to.equal(
      'F597507A71153F2F5C9D0E1A6C5C9EC90126283BDFEDE4F1F61910B99166B447',
    );
  });

  it('drops empty values, nests objects as {k=v} and arrays as JSON text', () => {
    const body = { b: '', a: null, c: { z: '1', y: '' }, d: [{ k: 'v', e: '' }], e: true };
    expect(lesspayStringToSign(body, 's')).to.equal('c={z=1}&d=[{"k":"v"}]&e=true&key=s');
  });

  it('signs an empty body as key=<secret>', () => {
    expect(lesspayStringToSign({}, 's')).to.equal('key=s');
  });

  it('leaves the five v1 fields out of a v1 callback signature only', () => {
    const body = { request_id: 'r', api_version: 'v1', order_status_int: 2, event: null };
    expect(lesspayCallbackSign(body, 's')).to.equal(lesspaySign({ request_id: 'r' }, 's'));
    const v2 = { ...body, api_version: 'v2' };
    expect(lesspayCallbackSign(v2, 's')).to.equal(lesspaySign(v2, 's'));
  });
});

describe('lesspay signing: both readings of empty members inside arrays (L3)', () => {
  const body = { d: [{ k: 'v', e: null }], a: '1' };

  it('drops or keeps them by reading', () => {
    expect(lesspayStringToSign(body, 's', 'empty-in-arrays-dropped')).to.equal('a=1&d=[{"k":"v"}]&key=s');
    expect(lesspayStringToSign(body, 's', 'empty-in-arrays-kept')).to.equal(
      'a=1&d=[{"k":"v","e":null}]&key=s',
    );
  });

  it('names the reading a signature verifies under, or none', () => {
    expect(lesspayVerifyReading(body, 's', lesspaySign(body, 's', 'empty-in-arrays-kept'))).to.equal(
      'empty-in-arrays-kept',
    );
    expect(lesspayVerifyReading(body, 's', lesspaySign(body, 's'))).to.equal('empty-in-arrays-dropped');
    expect(lesspayVerifyReading(body, 's', lesspaySign(body, 't'))).to.equal(undefined);
  });
});
