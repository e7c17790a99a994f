// Bounded load on the Lesspay mock over loopback: 10 000 signed requests (5 000 creates, each followed by a
// query of the same request_id) at concurrency 50. Prints req/s, 5xx count, lost/duplicated orders and
// peak RSS, and exits non-zero when any of the three counts is not 0.
// Run: node --import tsx bench/mock-load-lesspay.ts [--requests 10000] [--concurrency 50]
import { Agent, fetch } from 'undici';
import { startLesspayMock } from '../mocks/lesspay/index.js';
import { sign } from '../mocks/lesspay/sign.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const REQUESTS = arg('requests', 10_000);
const CONCURRENCY = arg('concurrency', 50);
const ORDERS = Math.floor(REQUESTS / 2);

const mock = await startLesspayMock({ host: '127.0.0.1', port: 0 });
const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 10_000 });
const { appId, appSecret } = mock.credentials;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 25);

let sent = 0;
let serverErrors = 0;
let otherFailures = 0;
let lost = 0;
const statuses = new Map<number, number>();
const payOrderIds = new Map<string, number>();

async function post(path: string, body: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${mock.url}${path}`, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      'Content-Type': 'application/json',
      'x-auth-appid': appId,
      'X-Auth-Timestamp': String(Date.now()),
      'x-auth-signature': sign(body, appSecret),
    },
    body: JSON.stringify(body),
  });
  sent += 1;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) serverErrors += 1;
  return res.json();
}

async function order(i: number): Promise<void> {
  const requestId = `LD${process.pid}${String(i).padStart(7, '0')}`.slice(0, 20);
  const created = await post('/api/global/v1/pay/create-order', {
    request_id: requestId,
    product_name: 'load',
    description: `load order ${i}`,
    target_amount: `${(i % 997) + 1}.${String(i % 100).padStart(2, '0')}`,
    target_currency: 'USD',
    transaction_type: 'PAY_IN',
    success_url: 'https://merchant.example/ok',
    fail_url: 'https://merchant.example/ko',
    api_version: 'V2',
    pay_access_type: 1,
  });
  const id = created?.data?.pay_order_id;
  if (created?.code !== 0 || typeof id !== 'string') {
    otherFailures += 1;
    return;
  }
  payOrderIds.set(id, (payOrderIds.get(id) ?? 0) + 1);
  const now = Date.now();
  const found = await post('/api/global/v1/pay/query-order', {
    request_id: requestId,
    page: '1',
    page_size: '20',
    start_time: String(now - 3_600_000),
    end_time: String(now + 60_000),
  });
  if (found?.code !== 0 || found.data?.pay_order_id !== id || found.data?.request_id !== requestId) lost += 1;
}

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < ORDERS) {
      const i = next++;
      try {
        await order(i);
      } catch {
        otherFailures += 1;
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const duplicated =
  [...payOrderIds.values()].filter((n) => n > 1).length + (ORDERS - otherFailures - payOrderIds.size);

await agent.close();
await mock.close();

const summary = {
  requests: sent,
  concurrency: CONCURRENCY,
  seconds: Number(seconds.toFixed(2)),
  reqPerSec: Math.round(sent / seconds),
  statuses: Object.fromEntries(statuses),
  serverErrors5xx: serverErrors,
  ordersCreated: payOrderIds.size,
  ordersLost: lost,
  ordersDuplicated: duplicated,
  otherFailures,
  peakRssMiB: Number((peakRss / 1024 / 1024).toFixed(1)),
  note: 'mock and load generator share one process; peak RSS covers both',
};
console.log(JSON.stringify(summary, null, 2));
process.exitCode = serverErrors || lost || duplicated || otherFailures ? 1 : 0;
