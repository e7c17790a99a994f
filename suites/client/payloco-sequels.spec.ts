import { expect } from 'chai';
import type { ClientRequest } from '../../src/index.js';
import { madeUp } from './made-up.js';
import {
  duplicateNotResent,
  pendingQueriedNotRecreated,
  signatureRefusalNotRetried,
  timeoutResolvedWithSameId,
} from './payloco-sequels.js';

// The judging of what a Payloco client does after a scenario's failure, on recorded traffic made up here: the
// branches the example client's runs (examples/merchant-client/audit.spec.ts) do not reach.

const PAY = '/v1/payments/open/api/pay';
const QUERY = '/v1/payments/open/api/query';

let seq = 0;
function req(path: string, json: Record<string, unknown>, extra: Partial<ClientRequest> = {}): ClientRequest {
  seq += 1;
  return madeUp(path, json, { seq, at: seq, ...extra });
}

const order = (id: string, extra: Record<string, unknown> = {}) => ({
  merchantId: 'M1',
  requestTime: `2026-01-01T00:00:0${seq % 10}Z`,
  transType: 'PAY',
  transAmt: '20.01',
  currency: 'USD',
  merchantOrderId: id,
  payMode: 'QRCODE',
  ...extra,
});
const pending = (id: string) =>
  JSON.stringify({
    code: '00000003',
    message: 'PROCESSING',
    traceId: 't',
    data: { status: 'PENDING', orderId: 'O1', merchantOrderId: id },
  });
const answered = { status: 200, responseText: '{"code":"00000000"}' };

describe('payloco client sequel checks (PLC-DUP-001, PLC-SIG-002, PLC-PND-001, PLC-RTY-003)', () => {
  it('PLC-DUP-001: a new merchantOrderId after the duplicate answer passes', () => {
    const v = duplicateNotResent([
      req(PAY, order('A'), { injected: 'duplicate-order', status: 200 }),
      req(PAY, order('B'), answered),
    ]);
    expect(v.findings).to.deep.equal([]);
    expect(v.judged).to.have.length(1);
  });

  it('PLC-SIG-002: one re-signed resend is noted; two fail', () => {
    const refused = req(PAY, order('A'), { injected: 'invalid-signature', status: 200 });
    const once = signatureRefusalNotRetried([refused, req(PAY, order('A'), answered)]);
    expect(once.findings).to.deep.equal([]);
    expect(once.notes!.join()).to.match(/once \(tolerated/);
    const twice = signatureRefusalNotRetried([
      refused,
      req(PAY, order('A', { requestTime: 'x1' })),
      req(PAY, order('A', { requestTime: 'x2' })),
    ]);
    expect(twice.findings.map((f) => f.message).join()).to.match(/sent 2 more times/);
  });

  it('PLC-PND-001: an unqueried pending order fails without notifyUrl, is noted with one', () => {
    const lost = pendingQueriedNotRecreated([
      req(PAY, order('A'), { status: 200, responseText: pending('A') }),
    ]);
    expect(lost.findings.map((f) => f.message).join()).to.match(/never queried, and it gave no notifyUrl/);
    const hooked = pendingQueriedNotRecreated([
      req(PAY, order('A', { notifyUrl: 'https://m.example/hook' }), {
        status: 200,
        responseText: pending('A'),
      }),
    ]);
    expect(hooked.findings).to.deep.equal([]);
    expect(hooked.notes!.join()).to.match(/webhook/);
  });

  it('PLC-PND-001: a query by orderId counts; a resend of the same merchantOrderId fails', () => {
    const byOrderId = pendingQueriedNotRecreated([
      req(PAY, order('A'), { status: 200, responseText: pending('A') }),
      req(QUERY, { transType: 'PAY', orderId: 'O1' }),
    ]);
    expect(byOrderId.findings).to.deep.equal([]);
    const resent = pendingQueriedNotRecreated([
      req(PAY, order('A'), { status: 200, responseText: pending('A') }),
      req(PAY, order('A')),
    ]);
    expect(resent.findings[0]!.message).to.match(/sends merchantOrderId A again while the order/);
  });

  it('PLC-RTY-003: a resend of the same order resolves it; nothing after it fails; a changed body fails', () => {
    const held = () => req(PAY, order('A'), { injected: 'pay-timeout', abandonedAfterMs: 800 });
    const first = held();
    const resent = timeoutResolvedWithSameId([first, req(PAY, order('A', { requestTime: 'later' }))]);
    expect(resent.findings).to.deep.equal([]);
    expect(resent.notes!.join()).to.match(/resends merchantOrderId A/);
    const silent = timeoutResolvedWithSameId([held()]);
    expect(silent.findings[0]!.message).to.match(/never asked about again/);
    const h = held();
    const changed = timeoutResolvedWithSameId([h, req(PAY, order('A', { transAmt: '5.00' }))]);
    expect(changed.findings[0]!.message).to.match(/with a changed body/);
  });
});
