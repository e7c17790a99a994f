import { expect } from 'chai';
import type { ClientRequest } from '../../src/index.js';
import {
  noResendAfterDuplicate,
  pendingQueriedNotRecreated,
  rejectedPayoutNotResubmitted,
  signatureRefusalNotRetried,
  timeoutResolvedBySameId,
} from './lesspay-sequels.js';
import { madeUp } from './made-up.js';

// The sequel rules on made-up traffic: the branches the example client never takes (a webhook instead of a query,
// an order never asked about again, identical orders meant as two). The binary runs are in examples/merchant-client.

const CREATE = '/api/global/v1/pay/create-order';
const QUERY = '/api/global/v1/pay/query-order';
const PAYOUT = '/api/global/payout/create-order';
const PAYOUT_QUERY = '/api/global/payout/query';

let seq = 0;
function req(
  path: string,
  json: Record<string, unknown>,
  answer?: unknown,
  more: Partial<ClientRequest> = {},
): ClientRequest {
  return madeUp(path, json, {
    seq: ++seq,
    headers: {},
    ...(answer === undefined ? {} : { status: 200, responseText: JSON.stringify(answer) }),
    ...more,
  });
}
const order = (id: string, over: Record<string, unknown> = {}) => ({
  request_id: id,
  product_name: 'P',
  target_amount: '10.00',
  target_currency: 'USD',
  ...over,
});
const created = (status: unknown = 'PENDING_PAY') => ({
  code: 0,
  msg: '',
  data: { pay_order_id: 'P1', order_status: status },
});
const payout = (id: string, over: Record<string, unknown> = {}) => ({
  request_id: id,
  amount: '5.00',
  currency: 'PHP',
  beneficiary: { destination: { bank: { account_number: '123' } } },
  ...over,
});

describe('client rules · lesspay sequels of a scenario', () => {
  it('LPC-DUP-001: a query or a new id after 1201 passes; the same id again fails once per id', () => {
    const dup = { code: 1201, msg: 'Duplicate Data Exists' };
    const fine = noResendAfterDuplicate([
      req(CREATE, order('A'), dup),
      req(QUERY, { request_id: 'A' }),
      req(CREATE, order('B'), created()),
    ]);
    expect(fine.findings).to.deep.equal([]);
    expect(fine.judged).to.have.length(1);
    const bad = noResendAfterDuplicate([
      req(CREATE, order('A'), dup),
      req(CREATE, order('A'), dup),
      req(CREATE, order('A'), dup),
    ]);
    expect(bad.findings.map((f) => f.request.json)).to.deep.equal([order('A')]);
  });

  it('LPC-RTY-003: giving up and doing nothing more fails; a query by the same id passes', () => {
    const held = () =>
      req(CREATE, order('A'), undefined, { injected: 'create-timeout', abandonedAfterMs: 800 });
    const silent = timeoutResolvedBySameId([held()]);
    expect(silent.findings[0]!.message).to.match(/never asked about request_id A again/);
    const queried = timeoutResolvedBySameId([
      held(),
      req(QUERY, { request_id: 'A' }),
      req(CREATE, order('B')),
    ]);
    // The identical order under B after the query is a new order, not a re-creation.
    expect(queried.findings).to.deep.equal([]);
    expect(queried.notes!.join()).to.match(/queried it by request_id A/);
  });

  it('LPC-PND-001: a webhook client is noted; identical orders after the query are two orders; none queried fails', () => {
    const hooked = pendingQueriedNotRecreated([
      req(CREATE, order('A', { notify_url: 'https://m.example/n' }), created()),
    ]);
    expect(hooked.findings).to.deep.equal([]);
    expect(hooked.notes!.join()).to.match(/webhook/);
    const two = pendingQueriedNotRecreated([
      req(CREATE, order('A'), created(1)),
      req(QUERY, { pay_order_id: 'P1' }),
      req(CREATE, order('B'), { code: 0, data: { pay_order_id: 'P2' } }),
      req(QUERY, { request_id: 'B' }),
    ]);
    expect(two.findings).to.deep.equal([]);
    expect(two.judged).to.have.length(2);
    const never = pendingQueriedNotRecreated([req(CREATE, order('A'), created())]);
    expect(never.findings[0]!.message).to.match(/never queried it/);
    // A create answered final is not pending: nothing to judge.
    expect(pendingQueriedNotRecreated([req(CREATE, order('A'), created('SUCCEED'))]).judged).to.deep.equal(
      [],
    );
  });

  it('LPC-AUTH-003: one resend of a refused body is noted, two fail, a changed body is a new request', () => {
    const refused = (id: string) => req(CREATE, order(id), { code: 5004 }, { status: 401 });
    const once = signatureRefusalNotRetried([refused('A'), refused('A'), req(CREATE, order('B'), created())]);
    expect(once.findings).to.deep.equal([]);
    expect(once.notes!.join()).to.match(/once \(tolerated\)/);
    const twice = signatureRefusalNotRetried([refused('A'), refused('A'), refused('A')]);
    expect(twice.findings).to.have.length(1);
    expect(twice.findings[0]!.message).to.match(/2 more times/);
  });

  it('LPC-REJ-001: identical payouts before the outcome are two payouts; after a FAILED query a resubmission', () => {
    const ok = { code: 0, data: { pay_order_id: 'PO1', order_status: 'PENDING_CONFIRM' } };
    const failed = { code: 0, data: { request_id: 'S1', order_status: 3 } };
    const two = rejectedPayoutNotResubmitted([
      req(PAYOUT, payout('S1'), ok),
      req(PAYOUT, payout('S2'), ok),
      req(PAYOUT_QUERY, { request_id: 'S1' }, failed),
      req(PAYOUT_QUERY, { request_id: 'S2' }, failed),
    ]);
    expect(two.findings).to.deep.equal([]);
    const again = rejectedPayoutNotResubmitted([
      req(PAYOUT, payout('S1'), ok),
      req(PAYOUT_QUERY, { request_id: 'S1' }, failed),
      req(PAYOUT, payout('S3'), ok),
    ]);
    expect(again.findings.map((f) => f.request.json)).to.deep.equal([payout('S3')]);
    const blind = rejectedPayoutNotResubmitted([req(PAYOUT, payout('S1'), ok)]);
    expect(blind.findings[0]!.message).to.match(/never queried and named no notify_url/);
  });
});
