#!/usr/bin/env node
// A team's own "finish this payment" script, as `paycert run --driver command:CMD` runs it: it reads the page URL
// and the outcome from the environment, and pays at the bundled mocks' default cashier and wallet pages (one form
// per outcome button). Used by the command driver's end-to-end test.
const url = process.env.PAYCERT_URL;
const outcome = process.env.PAYCERT_OUTCOME;
const gateway = process.env.PAYCERT_GATEWAY;
if (!url || !outcome || !gateway) {
  console.error('PAYCERT_URL, PAYCERT_OUTCOME and PAYCERT_GATEWAY must be set');
  process.exit(2);
}
const value =
  gateway === 'lesspay'
    ? { success: 'succeed', failure: 'fail' }[outcome]
    : { success: 'pay', failure: 'decline' }[outcome];
if (!value) {
  console.error(`no way to ${outcome} here`);
  process.exit(3);
}
const res = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: `outcome=${value}`,
  redirect: 'manual',
});
if (res.status >= 400) {
  console.error(`the page answered HTTP ${res.status}`);
  process.exit(1);
}
console.log(
  `paid ${process.env.PAYCERT_REQUEST_ID ?? process.env.PAYCERT_MERCHANT_ORDER_ID} with outcome=${value}`,
);
