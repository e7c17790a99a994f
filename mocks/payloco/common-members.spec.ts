import { expect } from 'chai';
import { paths, post, qrPayBody } from '../../test/kits/payloco-mock.js';
import { type RunningMock, startPaylocoMock } from './index.js';

type Json = Record<string, unknown>;

// The public-body table marks charset and signType required; the optional members are typed, requestTime is a
// date-time, and the optional objects of a pay are objects (paycert's schemas).
describe('payloco mock: common and optional members', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await startPaylocoMock({});
  });
  after(() => mock.close());

  const without = (body: Json, key: string) =>
    Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));
  const cases: [string, (b: Json) => Json, string][] = [
    ['without charset', (b) => without(b, 'charset'), '11000002'],
    ['without signType', (b) => without(b, 'signType'), '11000002'],
    ['with memberId a number', (b) => ({ ...b, memberId: 7 }), '22070031'],
    ['with keyVersion ["1"]', (b) => ({ ...b, keyVersion: ['1'] }), '22070031'],
    ['with requestTime "yesterday"', (b) => ({ ...b, requestTime: 'yesterday' }), '22070031'],
    ['with payMethodInfo a string', (b) => ({ ...b, payMethodInfo: 'card' }), '22070031'],
    ['with redirectUrl not http(s)', (b) => ({ ...b, redirectUrl: 'ftp://m.example/back' }), '22070031'],
  ];
  for (const [what, edit, code] of cases) {
    it(`refuses a pay ${what} with ${code}`, async () => {
      const res = await post(mock, paths.pay, edit(qrPayBody(mock)));
      expect(res.body.code).to.equal(code);
    });
  }
});
