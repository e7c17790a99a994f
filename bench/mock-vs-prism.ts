// The reference mocks against Prism's mock of the same OpenAPI document (issue 26): the same query endpoint, the same
// signed request, the same load (autocannon, 50 connections, a fixed duration), runs alternating mock/Prism and
// Prism/mock so a busy moment of the shared machine weighs on both. Each case is one order the query names: an
// unknown one, and one created through the mock's public API first (Prism keeps no state: it answers its example).
// Targets: the mock's throughput >= 10x Prism's, pair by pair, and its p99 <= 10 ms, every validation on.
// Run alone: node --import tsx bench/mock-vs-prism.ts [--rounds 3] [--seconds 5]
import { createPrivateKey, sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sign as lesspaySign } from '../mocks/lesspay/sign.js';
import { serveMock, servePrism, stop, type Target } from './targets.js';

const CONNECTIONS = 50;

interface Request {
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface Case {
  name: string;
  request: Request;
  /** The answer's `code` the mock must give: proves the case is what it says (unknown vs found). */
  mockCode: string | number;
}

interface Run {
  reqPerSec: number;
  p99Ms: number;
  p50Ms: number;
  /** Target's CPU per answered request, µs: the figure least moved by the other processes on the machine. */
  cpuUsPerReq: number;
  bad: number;
}

async function post(base: string, r: Request): Promise<{ status: number; text: string }> {
  const res = await fetch(base + r.path, { method: 'POST', headers: r.headers, body: r.body });
  return { status: res.status, text: await res.text() };
}

async function load(target: Target, r: Request, seconds: number, expectBody?: string): Promise<Run> {
  const cpuBefore = target.cpuMs();
  const result = await autocannon({
    url: target.url + r.path,
    method: 'POST',
    headers: r.headers,
    body: r.body,
    connections: CONNECTIONS,
    duration: seconds,
    ...(expectBody ? { expectBody } : {}),
  });
  const cpu = target.cpuMs() - cpuBefore;
  const answered = result['2xx'];
  return {
    reqPerSec: Math.round(answered / (result.duration || seconds)),
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    cpuUsPerReq: Math.round((cpu * 1000) / Math.max(1, answered)),
    bad:
      result.non2xx + result.errors + result.timeouts + ((result as { mismatches?: number }).mismatches ?? 0),
  };
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => (Number.isInteger(x) ? x : +x.toFixed(2));
  return { min: r(s[0]!), median: r(s[Math.floor(s.length / 2)]!), max: r(s[s.length - 1]!) };
}

const fmt = (x: { min: number; median: number; max: number }) => `${x.min} / ${x.median} / ${x.max}`;

/** Sends the request once to each, checks each answers 200 (the mock with the case's code), returns the bodies. */
async function probe(mock: Target, prism: Target, c: Case): Promise<{ mock: string; prism: string }> {
  const m = await post(mock.url, c.request);
  const p = await post(prism.url, c.request);
  const code = JSON.parse(m.text).code;
  if (m.status !== 200 || code !== c.mockCode)
    throw new Error(
      `${c.name}: the mock answered ${m.status} ${m.text.slice(0, 200)}, expected code ${c.mockCode}`,
    );
  if (p.status !== 200) throw new Error(`${c.name}: Prism answered ${p.status} ${p.text.slice(0, 200)}`);
  return { mock: m.text, prism: p.text };
}

/** Same answer twice: then every answer under load must be that one (autocannon counts the others). */
async function fixedAnswer(target: Target, r: Request, first: string): Promise<string | undefined> {
  return (await post(target.url, r)).text === first ? first : undefined;
}

async function compare(mock: Target, prism: Target, c: Case, rounds: number, seconds: number) {
  const answers = await probe(mock, prism, c);
  const mockExpect = await fixedAnswer(mock, c.request, answers.mock);
  const prismExpect = await fixedAnswer(prism, c.request, answers.prism);
  // Warm-up, not counted: JIT, connection pools, Prism's first validations.
  await load(mock, c.request, 1);
  await load(prism, c.request, 1);
  const mockRuns: Run[] = [];
  const prismRuns: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    const mockFirst = i % 2 === 0;
    if (mockFirst) mockRuns.push(await load(mock, c.request, seconds, mockExpect));
    prismRuns.push(await load(prism, c.request, seconds, prismExpect));
    if (!mockFirst) mockRuns.push(await load(mock, c.request, seconds, mockExpect));
  }
  const ratios = mockRuns.map((m, i) => m.reqPerSec / Math.max(1, prismRuns[i]!.reqPerSec));
  const mockP99 = stats(mockRuns.map((r) => r.p99Ms));
  const ratio = stats(ratios);
  return {
    case: c.name,
    'mock req/s': fmt(stats(mockRuns.map((r) => r.reqPerSec))),
    'Prism req/s': fmt(stats(prismRuns.map((r) => r.reqPerSec))),
    'ratio (pairs)': fmt(ratio),
    'mock p99 ms': fmt(mockP99),
    'Prism p99 ms': fmt(stats(prismRuns.map((r) => r.p99Ms))),
    'mock CPU µs/req': fmt(stats(mockRuns.map((r) => r.cpuUsPerReq))),
    'Prism CPU µs/req': fmt(stats(prismRuns.map((r) => r.cpuUsPerReq))),
    'bad answers': [...mockRuns, ...prismRuns].reduce((n, r) => n + r.bad, 0),
    met: ratio.median >= 10 && mockP99.median <= 10,
  };
}

function lesspayQuery(appId: string, secret: string, requestId: string): Request {
  const body = { request_id: requestId, page: '1', page_size: '20' };
  return {
    path: '/api/global/v1/pay/query-order',
    headers: {
      'content-type': 'application/json',
      'x-auth-appid': appId,
      // Not checked by the mock; Prism checks its pattern (13 digits).
      'x-auth-timestamp': String(Date.now()),
      'x-auth-signature': lesspaySign(body, secret),
    },
    body: JSON.stringify(body),
  };
}

async function lesspayCases(mock: Target): Promise<Case[]> {
  const appId = mock.env.LESSPAY_APP_ID!;
  const secret = mock.env.LESSPAY_APP_SECRET!;
  const requestId = `BENCH${Date.now()}`.slice(0, 20);
  const create = {
    request_id: requestId,
    product_name: 'bench',
    description: 'mock vs Prism',
    target_amount: '100.50',
    target_currency: 'USD',
    transaction_type: 'PAY_IN',
    success_url: 'https://merchant.example/ok',
    fail_url: 'https://merchant.example/ko',
    api_version: 'V2',
    pay_access_type: 1,
  };
  const created = await post(mock.url, {
    path: '/api/global/v1/pay/create-order',
    headers: {
      'content-type': 'application/json',
      'x-auth-appid': appId,
      'x-auth-timestamp': String(Date.now()),
      'x-auth-signature': lesspaySign(create, secret),
    },
    body: JSON.stringify(create),
  });
  if (JSON.parse(created.text).code !== 0) throw new Error(`Lesspay create-order failed: ${created.text}`);
  return [
    {
      name: 'lesspay query-order, unknown order',
      request: lesspayQuery(appId, secret, 'BENCHNOSUCHORDER0001'),
      mockCode: 1202,
    },
    {
      name: 'lesspay query-order, existing order',
      request: lesspayQuery(appId, secret, requestId),
      mockCode: 0,
    },
  ];
}

async function paylocoCases(mock: Target): Promise<Case[]> {
  const key = createPrivateKey(readFileSync(mock.env.PAYLOCO_PRIVATE_KEY!));
  const common = {
    charset: 'UTF-8',
    version: '2.0.0',
    signType: 'RSA',
    merchantId: mock.env.PAYLOCO_MERCHANT_ID!,
    transType: 'PAY',
    accessType: 's2s',
  };
  const signed = (path: string, payload: Record<string, unknown>): Request => {
    const body = JSON.stringify(payload);
    const signature = rsaSign('sha256', Buffer.from(body), key).toString('base64');
    return { path, headers: { 'content-type': 'application/json', signature }, body };
  };
  const merchantOrderId = `BENCH${Date.now()}`;
  const pay = signed('/v1/payments/open/api/pay', {
    ...common,
    merchantOrderId,
    transAmt: '100.50',
    currency: 'USD',
    payMode: 'QRCODE',
  });
  const created = await post(mock.url, pay);
  if (JSON.parse(created.text).code !== '00000003') throw new Error(`Payloco pay failed: ${created.text}`);
  const query = (id: string) => signed('/v1/payments/open/api/query', { ...common, merchantOrderId: id });
  return [
    { name: 'payloco query, unknown order', request: query('BENCHNOSUCHORDER'), mockCode: '22070040' },
    { name: 'payloco query, existing order', request: query(merchantOrderId), mockCode: '00000000' },
  ];
}

export async function benchMockVsPrism(opts: { rounds?: number; seconds?: number } = {}) {
  const rounds = opts.rounds ?? 3;
  const seconds = opts.seconds ?? 5;
  const rows = [];
  for (const gateway of ['lesspay', 'payloco'] as const) {
    let mock: Target | undefined;
    let prism: Target | undefined;
    try {
      mock = await serveMock(gateway);
      prism = await servePrism(gateway);
      const cases = gateway === 'lesspay' ? await lesspayCases(mock) : await paylocoCases(mock);
      for (const c of cases) rows.push(await compare(mock, prism, c, rounds, seconds));
    } finally {
      await Promise.all([stop(mock), stop(prism)]);
    }
  }
  return {
    note:
      `autocannon, ${CONNECTIONS} connections, ${rounds} alternating rounds of ${seconds} s each side; ` +
      'min / median / max; ratio = mock req/s / Prism req/s of the same round; met = median ratio >= 10 and ' +
      'median mock p99 <= 10 ms; mock = `paycert serve` (compiled), Prism = prism-cli mock of schemas/openapi ' +
      '(-v warn); the load generator shares the machine with both',
    rows,
  };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await benchMockVsPrism({ rounds: arg('rounds', 3), seconds: arg('seconds', 5) });
  console.log(out.note);
  console.table(out.rows);
}
