import { closeConnections } from './http.js';
import { runLesspay } from './lesspay.js';
import { runPayloco } from './payloco.js';

// A second integrator client, written apart from examples/merchant-client/client.ts so that the client checks meet
// another shape of conformant traffic. It imports nothing from paycert, reads the usual variables (and
// MERCHANT_NOTIFY_URL, the integrator's own webhook endpoint; ALT_CLIENT_TIMEOUT_MS, its deadline per request), and
// exits 1 when an answer is not the documented success. Under `paycert audit --scenario` (PAYCERT_SCENARIO) it
// expects that failure: it exits 0 only when the failure came and it settled the order as its tests expect.
//
//   node --import tsx examples/merchant-client-alt/client.ts lesspay|payloco

async function main(gateway: string | undefined): Promise<number> {
  if (gateway !== 'lesspay' && gateway !== 'payloco') {
    process.stderr.write('usage: client.ts lesspay|payloco\n');
    return 2;
  }
  const notifyUrl = process.env.MERCHANT_NOTIFY_URL || `https://shop.example/${gateway}/notify`;
  const problems = await (gateway === 'lesspay' ? runLesspay : runPayloco)(process.env, notifyUrl);
  for (const p of problems) process.stderr.write(`merchant-client-alt: ${p}\n`);
  return problems.length ? 1 : 0;
}

main(process.argv[2]).then(
  (code) => {
    closeConnections();
    process.exitCode = code;
  },
  (err: Error) => {
    closeConnections();
    process.stderr.write(`merchant-client-alt: ${err.message}\n`);
    process.exitCode = 1;
  },
);
