import '../generate/register.js';
import { expect } from 'chai';
import { catalogue } from '../engine/catalogue.js';
import { getAt, setAt } from './body-path.js';
import { endpointFields, fieldName, generatedCases } from './cases.js';
import { Derived, wrongTypeCorners } from './corners.js';
import { coverage } from './coverage.js';
import { endpointsOf } from './endpoints.js';

// The generator reaches every documented member: array elements (`payout_order_details[]`) and the optional members
// of nested objects, with IDs derived from the member's path.

const endpoint = (name: string) => endpointsOf('lesspay').find((e) => e.name === name)!;

describe('generate · documented members', () => {
  it('walks each member of an array element, named by its path', () => {
    const names = endpointFields(endpoint('payout-batch')).map(fieldName);
    expect(names).to.include.members([
      'payout_order_details[].mch_order_id',
      'payout_order_details[].amount',
      'payout_order_details[].bank_account_type',
      'payout_order_details[].bank_swift_code',
    ]);
    // Alternative destinations the valid body does not use are not walked (the coverage table says why).
    expect(names).not.to.include('payout_order_details[].e_wallet');
  });

  it('walks optional nested members, required only where every valid body holds them', () => {
    const fields = endpointFields(endpoint('payout-create'));
    const byName = new Map(fields.map((f) => [fieldName(f), f]));
    expect(byName.get('beneficiary.beneficiary_type')?.required).to.equal(true);
    expect(byName.get('beneficiary.beneficiary_info.phone.calling_code')?.required).to.equal(false);
    expect(byName.get('beneficiary.destination.bank.bank_codes.swift_code')?.pattern).to.be.a('string');
    expect(byName.has('beneficiary.destination.crypto_wallet')).to.equal(false);
  });

  it('derives stable IDs from the member path; optional nested members are SHOULD', () => {
    const ids = new Map(catalogue('lesspay').checks.map((c) => [c.id, c.level]));
    expect(ids.get('LP-GEN-PB-PAYOUT-ORDER-DETAILS-AMOUNT-TYPE')).to.equal('MUST');
    expect(ids.get('LP-GEN-PB-PAYOUT-ORDER-DETAILS-BANK-SWIFT-CODE-PATTERN')).to.equal('SHOULD');
    expect(ids.get('LP-GEN-PO-BENEFICIARY-BENEFICIARY-INFO-PHONE-CALLING-CODE-PATTERN')).to.equal('SHOULD');
    for (const gateway of ['lesspay', 'payloco'] as const) {
      const all = generatedCases(gateway).map((c) => c.entry.id);
      expect(new Set(all).size, `${gateway} IDs are unique`).to.equal(all.length);
    }
  });

  it('shows array-element and optional nested members in the coverage grid, and why some are not walked', () => {
    const batch = coverage(['lesspay']).gateways[0].endpoints.find((e) => e.endpoint === 'payout-batch')!;
    const cell = batch.cells.find((c) => c.constraint === 'payout_order_details[].amount type')!;
    expect(cell.checks.map((c) => c.id)).to.deep.equal(['LP-GEN-PB-PAYOUT-ORDER-DETAILS-AMOUNT-TYPE']);
    const skipped = batch.cells.find((c) => c.constraint === 'payout_order_details[].e_wallet type')!;
    expect(skipped.exempt).to.match(/ewallet detail/);
  });

  it('breaks the last element of an array, changes the first for a valid value, and reads the first', () => {
    const body = { details: [{ amount: '1.00' }, { amount: '2.50' }] };
    const path = ['details', '[]', 'amount'];
    expect(setAt(body, path, 7, 'last').details.map((d: any) => d.amount)).to.deep.equal(['1.00', 7]);
    expect(setAt(body, path, 7, 'first').details.map((d: any) => d.amount)).to.deep.equal([7, '2.50']);
    expect(setAt(body, path, 7).details.map((d: any) => d.amount)).to.deep.equal([7, 7]);
    expect(setAt(body, path, undefined, 'last').details[1]).to.deep.equal({});
    expect(getAt(body, path)).to.equal('1.00');
    expect(body.details[1].amount, 'the body itself is unchanged').to.equal('2.50');
  });

  it('sends an amount of the wrong type as the same amount in a JSON number, so a batch total still matches', () => {
    const amount = endpointFields(endpoint('payout-batch')).find(
      (f) => fieldName(f) === 'payout_order_details[].amount',
    )!;
    const corners = wrongTypeCorners(amount);
    const derived = corners.find((c) => c instanceof Derived) as Derived;
    const body = { payout_order_details: [{ amount: '1500.00' }, { amount: '2.50' }] };
    expect(setAt(body, amount.path, derived, 'last').payout_order_details[1].amount).to.equal(2.5);
    expect(corners).to.deep.include({ paycert: 'x' });
  });
});
