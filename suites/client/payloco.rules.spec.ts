import { expect } from 'chai';
import type { ClientRequest } from '../../src/index.js';
import { madeUp } from './made-up.js';
import { rules } from './payloco.rules.js';

// PLC-RTY-001 on v2 pays, whose order id sits in `data`: a resend that renews requestTime is the same order, another
// order sent meanwhile is not the resend, and a resend under a new nested id still fails.

const rule = (id: string) => rules.find((r) => r.id === id)!;
const path = '/v2/payments/open/api/pay';

function pay(seq: number, id: string, requestTime: string, amount = 10.01, answered = false): ClientRequest {
  const body = { requestTime, data: { merchantOrderId: id, totalAmount: amount, currency: 'USD' } };
  return madeUp(path, body, {
    seq,
    text: `${JSON.stringify(body, null, 2)}\n`,
    at: 1_000_000 + seq * 400,
    ...(answered ? { injected: 'pay-500', status: 500 } : {}),
  });
}

describe('client checks · Payloco retries told apart by the nested v2 order id (PLC-RTY-001)', () => {
  const findings = (reqs: ClientRequest[]) => rule('PLC-RTY-001').judge(reqs, {}).findings.length;

  it('a resend with a renewed requestTime passes while another order interleaves', () => {
    const reqs = [pay(1, 'V2-A', 't1', 10.01, true), pay(2, 'V2-B', 't1', 20), pay(3, 'V2-A', 't2')];
    expect(findings(reqs)).to.equal(0);
  });

  it('a resend under a new id in data fails', () => {
    const reqs = [pay(1, 'V2-A', 't1', 10.01, true), pay(2, 'V2-B', 't1', 20), pay(3, 'V2-N', 't2')];
    expect(findings(reqs)).to.equal(1);
  });
});

describe('client checks · Payloco empty values (profile C2: PLC-SCH-001 MUST, PLC-SCH-002 SHOULD)', () => {
  const v1 = {
    charset: 'UTF-8',
    version: '2.0.0',
    signType: 'RSA',
    merchantId: 'M1',
    transType: 'PAY',
    merchantOrderId: 'O-1',
    currency: 'USD',
    transAmt: '1.00',
  };
  const judge = (id: string, body: Record<string, unknown>) =>
    rule(id).judge([madeUp('/v1/payments/open/api/pay', body)], {}).findings;

  it('an optional business field sent null or "" is not a MUST finding, only a SHOULD one naming it', () => {
    for (const empty of [null, '']) {
      const body = { ...v1, redirectUrl: empty, customer: { name: 'A', email: empty } };
      expect(judge('PLC-SCH-001', body), String(empty)).to.deep.equal([]);
      expect(judge('PLC-SCH-002', body).map((f) => f.message)).to.deep.equal([
        `optional member /redirectUrl is sent as ${JSON.stringify(empty)}: Payloco documents no rule that drops empty values, so leave it out`,
        `optional member /customer/email is sent as ${JSON.stringify(empty)}: Payloco documents no rule that drops empty values, so leave it out`,
      ]);
    }
  });

  it('a required field sent null is missing (MUST), not a SHOULD finding; a wrong type stays MUST', () => {
    const nullAmount = { ...v1, transAmt: null };
    expect(judge('PLC-SCH-001', nullAmount)).to.have.length(1);
    expect(judge('PLC-SCH-002', nullAmount)).to.deep.equal([]);
    expect(judge('PLC-SCH-001', { ...v1, redirectUrl: 12 })).to.have.length(1);
  });

  it('no empty member, no SHOULD finding; an empty common parameter is left to PLC-COM-001', () => {
    expect(judge('PLC-SCH-002', v1)).to.deep.equal([]);
    expect(judge('PLC-SCH-002', { ...v1, memberId: '' })).to.deep.equal([]);
  });
});
