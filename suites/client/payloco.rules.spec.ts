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
