// A `--payout-driver command:` script: approves the payout paycert names, through the sandbox's admin API. This one
// talks to the bundled Lesspay mock's test-only admin endpoint (sandbox policy payoutReview 'manual'); for a real
// sandbox, call its admin API here instead. paycert gives the payout in the environment: PAYCERT_BASE_URL,
// PAYCERT_REQUEST_ID, PAYCERT_PAY_ORDER_ID (when the gateway answered one), PAYCERT_AMOUNT, PAYCERT_CURRENCY.
// Exit 0 means approved; otherwise the last line says why.
//   paycert run lesspay --base-url URL --payout-driver 'command:node examples/drivers/approve-payout.mjs'
const base = (process.env.PAYCERT_BASE_URL ?? '').replace(/\/+$/, '');
const requestId = process.env.PAYCERT_REQUEST_ID;
if (!base || !requestId) {
  console.log(
    'PAYCERT_BASE_URL and PAYCERT_REQUEST_ID are needed: run me as a paycert --payout-driver command',
  );
  process.exit(2);
}
try {
  const res = await fetch(`${base}/_sandbox/payout/approve`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ request_id: requestId }),
    signal: AbortSignal.timeout(10_000),
  });
  const answer = await res.json().catch(() => ({}));
  if (res.status !== 200 || answer.code !== 0) {
    console.log(`approval refused: HTTP ${res.status} ${answer.msg ?? ''}`.trim());
    process.exit(1);
  }
  console.log(`approved payout ${requestId}: now ${answer.data?.order_status}`);
} catch (err) {
  console.log(`the admin API could not be reached: ${err.message}`);
  process.exit(1);
}
