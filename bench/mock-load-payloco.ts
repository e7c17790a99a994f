// Bounded load run against the Payloco reference mock, loopback only: 10 000 signed requests (active-QR pays,
// a few duplicate pays, queries) at concurrency 50, then a verification pass over every created order.
// Prints req/s, 5xx count, orders lost/duplicated and peak RSS; exits non-zero if any of those is wrong.
import { createPrivateKey, randomInt, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { startPaylocoMock } from '../mocks/payloco/index.js';

const totalRequests = 10_000;
const concurrency = 50;
const hardLimitMs = 180_000;
const duplicateEvery = 25;

const mock = await startPaylocoMock({ host: '127.0.0.1', port: 0 });
const key = createPrivateKey(readFileSync(mock.credentials.privateKeyPath));
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const guard = setTimeout(() => {
  console.error(`load run exceeded ${hardLimitMs} ms; aborting`);
  process.exit(2);
}, hardLimitMs);

interface Reply {
  status: number;
  body: { code?: string; data?: Record<string, unknown> };
}

function call(path: string, payload: Record<string, unknown>): Promise<Reply> {
  const text = JSON.stringify(payload);
  const url = new URL(mock.url + path);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    signature: sign('sha256', Buffer.from(text), key).toString('base64'),
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

const common = {
  charset: 'UTF-8',
  version: '2.0.0',
  signType: 'RSA',
  merchantId: mock.credentials.merchantId,
  transType: 'PAY',
  accessType: 's2s',
};
const created = new Map<string, string>(); // merchantOrderId → orderId
const createdIds: Array<[string, string]> = [];
const stats = {
  requests: 0,
  fiveXx: 0,
  errors: 0,
  unexpected: 0,
  duplicatesCreated: 0,
  lost: 0,
  pays: 0,
  queries: 0,
};
const latencies: number[] = [];
let sequence = 0;

async function one(index: number): Promise<void> {
  const started = performance.now();
  try {
    if (index % 2 === 0 || created.size === 0) await pay(index);
    else await query();
  } catch {
    stats.errors += 1;
  } finally {
    stats.requests += 1;
    latencies.push(performance.now() - started);
  }
}

async function pay(index: number): Promise<void> {
  stats.pays += 1;
  const reuse = index % (2 * duplicateEvery) === 0 && created.size > 0;
  const merchantOrderId = reuse ? createdIds[randomInt(createdIds.length)][0] : `LOAD${++sequence}`;
  const res = await call('/v1/payments/open/api/pay', {
    ...common,
    merchantOrderId,
    transAmt: `${randomInt(1, 1000)}.${String(randomInt(0, 100)).padStart(2, '0')}`,
    currency: 'USD',
    payMode: 'QRCODE',
  });
  if (res.status >= 500) stats.fiveXx += 1;
  if (reuse) {
    if (res.body.code === '00000003') stats.duplicatesCreated += 1;
    else if (res.body.code !== '22070041') stats.unexpected += 1;
    return;
  }
  if (res.body.code !== '00000003') {
    stats.unexpected += 1;
    return;
  }
  created.set(merchantOrderId, String(res.body.data?.orderId));
  createdIds.push([merchantOrderId, String(res.body.data?.orderId)]);
}

async function query(): Promise<void> {
  stats.queries += 1;
  const [merchantOrderId, orderId] = createdIds[randomInt(createdIds.length)];
  const by = randomInt(2) === 0 ? { orderId } : { merchantOrderId };
  const res = await call('/v1/payments/open/api/query', { ...common, ...by });
  if (res.status >= 500) stats.fiveXx += 1;
  if (res.body.data?.orderId !== orderId || res.body.data?.merchantOrderId !== merchantOrderId)
    stats.lost += 1;
}

async function runPool(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const started = performance.now();
await runPool(totalRequests, one);
const elapsedMs = performance.now() - started;

// Verification (not counted in the load figures): every created order is still there, once.
const orders = [...created.entries()];
let verifyLost = 0;
await runPool(orders.length, async (i) => {
  const [merchantOrderId, orderId] = orders[i];
  const res = await call('/v1/payments/open/api/query', { ...common, merchantOrderId });
  if (res.status >= 500) stats.fiveXx += 1;
  if (res.body.code !== '00000000' || res.body.data?.orderId !== orderId) verifyLost += 1;
});
const distinctOrderIds = new Set(created.values()).size;
const duplicated = stats.duplicatesCreated + (orders.length - distinctOrderIds);
const lost = stats.lost + verifyLost;

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const peakRssMb = process.resourceUsage().maxRSS / 1024;

console.log(
  `requests          ${stats.requests} (${stats.pays} pay incl. duplicates, ${stats.queries} query), concurrency ${concurrency}`,
);
console.log(
  `throughput        ${(stats.requests / (elapsedMs / 1000)).toFixed(0)} req/s over ${(elapsedMs / 1000).toFixed(2)} s`,
);
console.log(`latency           p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms`);
console.log(`5xx               ${stats.fiveXx}`);
console.log(`client errors     ${stats.errors}, unexpected answers ${stats.unexpected}`);
console.log(`orders created    ${orders.length}, verified ${orders.length - verifyLost}`);
console.log(`orders lost       ${lost}`);
console.log(`orders duplicated ${duplicated}`);
console.log(`peak RSS          ${peakRssMb.toFixed(1)} MB (one process: mock and load client)`);

agent.destroy();
await mock.close();
clearTimeout(guard);
process.exitCode = stats.fiveXx || stats.errors || stats.unexpected || lost || duplicated ? 1 : 0;
