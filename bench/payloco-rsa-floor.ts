// What Payloco's signatures alone cost per request (issue 26): every answer to a request whose signature verified is
// signed with the platform's RSA-2048 key (P6), after verifying the request's signature with the merchant's key. Prism
// signs nothing, so this sets the ceiling of the mock's req/s against Prism's on a given number of cores, whatever the
// rest of the mock costs. CPU time of the process (process.cpuUsage), tight loops, same keys as the mock.
// Run alone: node --import tsx bench/payloco-rsa-floor.ts
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keyPaths } from '../mocks/payloco/credentials.js';

const request = Buffer.from(
  JSON.stringify({
    charset: 'UTF-8',
    version: '2.0.0',
    signType: 'RSA',
    merchantId: '2001000000002036',
    transType: 'PAY',
    accessType: 's2s',
    merchantOrderId: 'BENCHNOSUCHORDER',
  }),
);
const answer = Buffer.from(
  '{"code":"22070040","message":"Order does not exist","traceId":"ec346687204ba7ca","data":{"status":"FAILED"}}',
);

/** CPU µs per call of `op`, after a warm-up, median of three runs. */
function cpuPerOp(op: () => unknown, count: number): number {
  for (let i = 0; i < 200; i++) op();
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < count; i++) op();
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / count);
  }
  return +runs.sort((a, b) => a - b)[1]!.toFixed(1);
}

export function benchPaylocoRsaFloor() {
  const platform = createPrivateKey(readFileSync(keyPaths.platformPrivate));
  const merchantPrivate = createPrivateKey(readFileSync(keyPaths.merchantPrivate));
  const merchantPublic = createPublicKey(readFileSync(keyPaths.merchantPublic));
  const signature = sign('sha256', request, merchantPrivate);
  const signUs = cpuPerOp(() => sign('sha256', answer, platform).toString('base64'), 2000);
  const verifyUs = cpuPerOp(() => verify('sha256', request, merchantPublic, signature), 10000);
  const bothUs = +(signUs + verifyUs).toFixed(1);
  return {
    'sign answer µs': signUs,
    'verify request µs': verifyUs,
    'per request µs': bothUs,
    'ceiling req/s per core': Math.round(1e6 / bothUs),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(
    'RSA-2048 SHA256withRSA, CPU µs per operation (median of 3); ceiling = 1 s / (sign + verify) on one fully ' +
      'available core, before any HTTP work',
  );
  console.table([benchPaylocoRsaFloor()]);
}
