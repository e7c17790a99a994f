// Report rendering at scale: a synthetic results file of 10 000 checks with realistic evidence, rendered to HTML
// and JUnit, and (when chromium is installed) loaded and filtered in a browser.
// Run: node --import tsx bench/report.ts [checks]
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../src/core/chromium.js';
import type { Check, Gateway, HttpExchange, Results, Status } from '../src/core/results.js';
import { recompute } from '../src/core/verdict.js';
import { withEvidence } from '../src/output/outputs.js';
import { renderHtml } from '../src/report/html.js';
import { renderJunit } from '../src/report/junit.js';

export interface ReportBench {
  checks: number;
  /** Checks that failed or errored: the ones whose evidence the HTML renders. */
  failing: number;
  /** results.json as `paycert run` writes it by default (full evidence for failures only), pretty-printed. */
  resultsBytes: number;
  /** The same with `--evidence full`: the baseline the default is measured against. */
  resultsFullBytes: number;
  /** results.json bytes per passing check of an all-passing run, default and with --evidence full. */
  resultsBytesPerPassing: { failures: number; full: number };
  /** Wall-clock median of three renders after a warm-up. */
  htmlRenderMs: number;
  /** CPU time of the same render: less sensitive to a busy machine than wall-clock time. */
  htmlRenderCpuMs: number;
  htmlBytes: number;
  /** HTML size of the same run with 1% and 2.5% failing checks, to show how size scales with failures. */
  htmlBytesAt: Record<string, number>;
  junitRenderMs: number;
  junitBytes: number;
  /** Time from navigation to the inline script having indexed every row; undefined without chromium. */
  browserLoadMs?: number;
  /** Time to apply the status filter to every row; undefined without chromium. */
  browserFilterMs?: number;
  targets: { htmlRenderMs: number; htmlBytes: number };
  met: { htmlRenderMs: boolean; htmlBytes: boolean };
}

const written = (r: Results, evidence: 'full' | 'failures') =>
  Buffer.byteLength(`${JSON.stringify(withEvidence(r, evidence), null, 2)}\n`);

const CHROMIUM = process.env.PAYCERT_CHROMIUM ?? '/usr/bin/chromium';

/** Deterministic pseudo-random numbers, so every run renders the same document. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function exchange(gateway: Gateway, n: number, status: number, bodyBytes: number): HttpExchange {
  const url =
    gateway === 'lesspay'
      ? `https://sandbox.lesspay.example/api/v2/payin/query`
      : `http://127.0.0.1:41873/v1/payments/pay_${n}`;
  const headers = {
    'content-type': 'application/json',
    'x-auth-appid': 'lp_app_20931',
    'x-auth-timestamp': String(1718200000000 + n),
    'x-auth-nonce': `c2a7f0d4-5b1e-4d8a-9e3f-${String(n).padStart(12, '0')}`,
    'x-auth-signature': 'b7e1c3d9a0f24e6b8c5d7a9e1f3b5c7d9e0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c',
    'user-agent': 'paycert/0.1.0',
  };
  const requestBody = JSON.stringify({
    merchantOrderNo: `PC-${n}`,
    amount: '100.00',
    currency: 'PHP',
    payType: 'GCASH',
    notifyUrl: 'https://merchant.example/notify',
  });
  const items = Array.from({ length: Math.max(1, Math.round(bodyBytes / 120)) }, (_, i) => ({
    orderNo: `LP24061200${n}${i}`,
    status: i % 3 ? 'SUCCESS' : 'PENDING',
    amount: `${(i * 13.7).toFixed(2)}`,
    createdAt: '2024-06-12T09:41:07Z',
  }));
  return {
    request: { method: 'POST', url, headers, body: requestBody },
    response: {
      status,
      durationMs: 20 + (n % 200),
      headers: {
        'content-type': 'application/json',
        'x-request-id': `req_${n}`,
        date: 'Wed, 12 Jun 2024 09:41:07 GMT',
      },
      body: JSON.stringify({ code: status === 200 ? 0 : 2004, msg: 'success', data: { items } }),
    },
    curl: `curl -sS -X POST '${url}' ${Object.entries(headers)
      .map(([k, v]) => `-H '${k}: ${v}'`)
      .join(' ')} --data-raw '${requestBody}'`,
  };
}

// Titles as the catalogue writes them: present-tense facts of 25-60 characters.
const TITLES = [
  'request without signature gets code 1001',
  'create payin returns an order number',
  'amount with three decimals is rejected with code 2001',
  'query of an unknown order returns code 2004',
  'webhook notification carries a valid signature',
  'refund over the captured amount is rejected',
  'response carries a Request-Id header',
  'unknown path gets HTTP 404',
];

/**
 * A results document with `count` checks and evidence on every executed check. `failing` is the share of checks
 * that fail or error (4:1); 7% are skipped; the rest pass. The default, 5%, is a poor target on a long run.
 */
export function syntheticResults(count = 10_000, failing = 0.05): Results {
  const rand = rng(42);
  const endpoints = [
    'Authentication',
    'POST /payin/create',
    'POST /payin/query',
    'POST /payout/create',
    'Webhooks',
    'Errors',
  ];
  const checks: Check[] = [];
  for (let i = 0; i < count; i++) {
    const gateway: Gateway = i % 2 ? 'payloco' : 'lesspay';
    const r = rand();
    const status: Status =
      r < failing * 0.8 ? 'failed' : r < failing ? 'error' : r < failing + 0.07 ? 'skipped' : 'passed';
    const prefix = gateway === 'lesspay' ? 'LP' : 'PL';
    const c: Check = {
      id: `${prefix}-B${String(Math.floor(i / 1000)).padStart(2, '0')}-${String(i % 1000).padStart(3, '0')}`,
      gateway,
      endpoint: endpoints[i % endpoints.length],
      title: TITLES[i % TITLES.length]!,
      level: rand() < 0.75 ? 'MUST' : 'SHOULD',
      reading: `${gateway === 'lesspay' ? 'L' : 'P'}${1 + (i % 20)}`,
      specRef: {
        doc: gateway,
        section: `4.${i % 9} Section`,
        url: `https://docs.${gateway}.example/api#s${i % 9}`,
      },
      status,
      durationMs: Math.round(rand() * 300),
    };
    if (status === 'skipped') c.message = 'target does not declare capability "payout"';
    if (status === 'failed') {
      c.message = 'Received: code 0 / Expected: code 2004';
      c.expected = { httpStatus: 200, body: { code: 2004, msg: 'order not found' } };
      c.received = {
        httpStatus: 200,
        body: { code: 0, msg: 'success', data: { orderNo: `LP${i}`, status: 'PENDING' } },
      };
    }
    if (status === 'error') c.message = 'Transport error: no response within 10000 ms (ETIMEDOUT)';
    if (status !== 'skipped') {
      const ex = exchange(gateway, i, status === 'failed' ? 200 : 200, 300 + Math.round(rand() * 1500));
      if (status === 'error') {
        ex.response = null;
        ex.error = 'ETIMEDOUT: no response within 10000 ms';
      }
      c.evidence = [ex];
    }
    checks.push(c);
  }
  const empty = { total: 0, passed: 0, failed: 0, skipped: 0, error: 0 };
  return recompute({
    format: 'paycert-results/1',
    tool: { name: 'paycert', version: '0.1.0' },
    profileVersion: '1.2.0',
    runId: 'bench',
    command: 'run',
    startedAt: '2024-06-12T09:41:07.412Z',
    durationMs: 600_000,
    strict: false,
    shard: null,
    verdict: 'error',
    gateways: [
      {
        gateway: 'lesspay',
        target: 'https://sandbox.lesspay.example/api/v2',
        verdict: 'error',
        summary: empty,
      },
      { gateway: 'payloco', target: 'http://127.0.0.1:41873', verdict: 'error', summary: empty },
    ],
    summary: empty,
    checks,
  });
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

function cpuTime<T>(fn: () => T): [T, number] {
  const t = process.cpuUsage();
  const out = fn();
  const d = process.cpuUsage(t);
  return [out, (d.user + d.system) / 1000];
}

export async function benchReport(
  opts: { checks?: number; failing?: number; browser?: boolean } = {},
): Promise<ReportBench> {
  const count = opts.checks ?? 10_000;
  const results = syntheticResults(count, opts.failing ?? 0.05);
  const resultsBytes = written(results, 'failures');
  const resultsFullBytes = written(results, 'full');
  const passing = syntheticResults(2_000, 0);
  const perPassing = (evidence: 'full' | 'failures') =>
    Math.round(written(passing, evidence) / passing.checks.filter((c) => c.status === 'passed').length);
  renderHtml(results); // warm-up: JIT and regex compilation are not what we measure
  const runs = [0, 1, 2].map(() => time(() => renderHtml(results)));
  const html = runs[0]![0];
  const htmlRenderMs = runs.map(([, ms]) => ms).sort((a, b) => a - b)[1]!;
  const cpu = [0, 1, 2].map(() => cpuTime(() => renderHtml(results))[1]).sort((a, b) => a - b)[1]!;
  const [junit, junitRenderMs] = time(() => renderJunit(results));
  const htmlBytesAt: Record<string, number> = {};
  for (const rate of [0.01, 0.025])
    htmlBytesAt[`${rate * 100}%`] = Buffer.byteLength(renderHtml(syntheticResults(count, rate)));
  const out: ReportBench = {
    checks: results.checks.length,
    failing: results.summary.failed + results.summary.error,
    resultsBytes,
    resultsFullBytes,
    resultsBytesPerPassing: { failures: perPassing('failures'), full: perPassing('full') },
    htmlRenderMs: Math.round(htmlRenderMs),
    htmlRenderCpuMs: Math.round(cpu),
    htmlBytes: Buffer.byteLength(html),
    htmlBytesAt,
    junitRenderMs: Math.round(junitRenderMs),
    junitBytes: Buffer.byteLength(junit),
    targets: { htmlRenderMs: 1000, htmlBytes: 3_000_000 },
    met: { htmlRenderMs: htmlRenderMs <= 1000, htmlBytes: Buffer.byteLength(html) <= 3_000_000 },
  };
  if (opts.browser !== false && existsSync(CHROMIUM)) {
    const dir = await mkdtemp(join(tmpdir(), 'paycert-bench-'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    try {
      const file = join(dir, 'index.html');
      await writeFile(file, html);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const t0 = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction(() =>
        /checks shown$/.test(document.getElementById('f-count')?.textContent ?? ''),
      );
      out.browserLoadMs = Math.round(performance.now() - t0);
      out.browserFilterMs = Math.round(
        await page.evaluate(() => {
          const sel = document.getElementById('f-status') as HTMLSelectElement;
          const t = performance.now();
          sel.value = 'failed';
          sel.dispatchEvent(new Event('change'));
          document.body.getBoundingClientRect(); // force layout so the time includes it
          return performance.now() - t;
        }),
      );
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? 10_000);
  const failing = Number(process.argv[3] ?? 0.05);
  const b = await benchReport({ checks: n, failing });
  const mb = (x: number) => `${(x / 1e6).toFixed(2)} MB (${(x / 1024 / 1024).toFixed(2)} MiB)`;
  console.log(`checks                 ${b.checks} (${b.failing} failed or errored)`);
  console.log(`results.json           ${mb(b.resultsBytes)} (--evidence full: ${mb(b.resultsFullBytes)})`);
  console.log(
    `results.json/passing   ${b.resultsBytesPerPassing.failures} B (--evidence full: ${b.resultsBytesPerPassing.full} B)`,
  );
  console.log(
    `HTML render (median)   ${b.htmlRenderMs} ms wall, ${b.htmlRenderCpuMs} ms CPU   target ≤ ${b.targets.htmlRenderMs} ms`,
  );
  console.log(`HTML size              ${mb(b.htmlBytes)}   target ≤ ${mb(b.targets.htmlBytes)}`);
  for (const [rate, bytes] of Object.entries(b.htmlBytesAt))
    console.log(`HTML size, ${rate} failing ${mb(bytes)}`);
  console.log(`JUnit render           ${b.junitRenderMs} ms`);
  console.log(`JUnit size             ${mb(b.junitBytes)}`);
  if (b.browserLoadMs !== undefined) {
    console.log(`chromium load+index    ${b.browserLoadMs} ms`);
    console.log(`chromium filter        ${b.browserFilterMs} ms`);
  } else console.log('chromium               not installed, skipped');
  const loadavg = (await import('node:os')).loadavg()[0]!;
  console.log(
    `load average           ${loadavg.toFixed(1)} on ${(await import('node:os')).availableParallelism()} CPUs`,
  );
}
