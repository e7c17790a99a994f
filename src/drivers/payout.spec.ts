import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { UsageError } from '../core/errors.js';
import type { PayoutOrder } from '../engine/drivers.js';
import { CommandPayoutDriver, ManualPayoutDriver, openPayoutDriver, payoutEnv } from './payout.js';

// --payout-driver: a person (Enter on the terminal) or a command approves a payout that waits for review.

const order = (reviewed?: () => Promise<boolean>): PayoutOrder => ({
  gateway: 'lesspay',
  ids: { request_id: 'PC123', pay_order_id: 'PO9' },
  amount: '33.13',
  currency: 'USD',
  baseUrl: 'http://127.0.0.1:9/base',
  ...(reviewed ? { reviewed } : {}),
});

function io(waitMs: number) {
  const said: string[] = [];
  return { said, io: { say: (line: string) => said.push(line), waitMs } };
}

describe('payout drivers', () => {
  it('manual: names the payout, waits for Enter and says who approved it', async () => {
    const input = new PassThrough();
    const driver = new ManualPayoutDriver(input);
    const { said, io: out } = io(5000);
    const done = driver.approve(order(), out);
    setTimeout(() => input.write('\n'), 50);
    const got = await done;
    await driver.close();
    expect(got.done).to.equal(true);
    expect(got.done && got.how).to.match(
      /^a person was asked to approve payout request_id PC123, pay_order_id PO9; the person said it was approved after [\d.]+ s$/,
    );
    expect(said[0]).to.equal(
      'paycert: action needed: approve this lesspay payout in the merchant dashboard (request_id PC123, pay_order_id PO9, 33.13 USD)',
    );
    expect(said).to.include('paycert: then press Enter here');
  });

  it('manual: stops waiting once the public API shows the payout left its review', async () => {
    let asked = 0;
    const driver = new ManualPayoutDriver(new PassThrough());
    const got = await driver.approve(
      order(async () => ++asked >= 2),
      io(5000).io,
    );
    await driver.close();
    expect(got.done && got.how).to.match(/the payout left its review after/);
  });

  it('manual: nobody approves within the wait → not done, with the reason', async () => {
    const driver = new ManualPayoutDriver(new PassThrough());
    const got = await driver.approve(order(), io(150).io);
    await driver.close();
    expect(got).to.deep.equal({
      done: false,
      reason: 'nobody approved payout request_id PC123, pay_order_id PO9 within 150 ms (--webhook-wait)',
    });
  });

  it('command: gets the payout and the base URL in its environment', async () => {
    expect(payoutEnv(order())).to.deep.equal({
      PAYCERT_GATEWAY: 'lesspay',
      PAYCERT_ACTION: 'approve-payout',
      PAYCERT_BASE_URL: 'http://127.0.0.1:9/base',
      PAYCERT_AMOUNT: '33.13',
      PAYCERT_CURRENCY: 'USD',
      PAYCERT_REQUEST_ID: 'PC123',
      PAYCERT_PAY_ORDER_ID: 'PO9',
    });
    const driver = new CommandPayoutDriver(
      `node -e "console.log(process.env.PAYCERT_REQUEST_ID + ' approved')"`,
    );
    const got = await driver.approve(order(), io(10_000).io);
    expect(got.done && got.how).to.match(/^the command exited 0 after \d+ ms: PC123 approved$/);
  });

  it('openPayoutDriver: none, manual only at a terminal, command:CMD, and one-line usage errors', () => {
    expect(openPayoutDriver(undefined, false)).to.equal(undefined);
    expect(openPayoutDriver('manual', true)?.name).to.equal('manual');
    expect(openPayoutDriver('command:./approve.sh', false)?.name).to.equal('command:./approve.sh');
    expect(() => openPayoutDriver('manual', false)).to.throw(UsageError, /stdin is not one/);
    expect(() => openPayoutDriver('command:  ', true)).to.throw(UsageError, /needs a command/);
    expect(() => openPayoutDriver('auto', true)).to.throw(UsageError, /is not a payout driver/);
  });
});
