// `paycert proxy` overhead (issue 15). Targets: <= 1 ms median added per request at 200 requests/s, <= 100 MB RSS of
// the proxy process; compared with Prism's validation proxy on this machine (about +4 ms per request, 166 MB).
// The compiled proxy runs in its own process in front of a plain upstream in this one; the same signed Lesspay
// requests go, interleaved, straight to the upstream and through the proxy, so both see the same machine load.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/paycert.js', import.meta.url));
const SECRET = 'bench-proxy-secret-0001';
const RATE = 200;
const SECONDS = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;

function signed(i: number): { body: string; headers: Record<string, string> } {
  const b = {
    request_id: `BENCH${i}`,
    product_name: 'Bench product',
    description: 'Proxy overhead bench',
    target_amount: '100.50',
    target_currency: 'USD',
    transaction_type: 'PAY_IN',
    success_url: 'https://merchant.example/success',
    fail_url: 'https://merchant.example/fail',
    api_version: 'V2',
    pay_access_type: 1,
  } as Record<string, unknown>;
  const text = Object.keys(b)
    .sort()
    .map((k) => `${k}=${b[k]}`)
    .join('&');
  const sig = createHash('sha256').update(`${text}&key=${SECRET}`).digest('hex').toUpperCase();
  return {
    body: JSON.stringify(b),
    headers: {
      'content-type': 'application/json',
      'x-auth-appid': 'bench_app',
      'x-auth-timestamp': String(Date.now()),
      'x-auth-signature': sig,
    },
  };
}

function timed(url: string, i: number): Promise<number> {
  const { body, headers } = signed(i);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/global/v1/pay/create-order`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - t0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

export async function benchProxy() {
  const answer =
    '{"code":0,"msg":"SUCCESS","data":{"pay_order_id":"P1","checkout_url":"https://pay.example/c/1"}}';
  const upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'paycert-bench-proxy-'));
  const proxy = spawn(
    process.execPath,
    [bin, 'proxy', 'lesspay', '--target', upstreamUrl, '--report-dir', dir],
    {
      env: { ...process.env, LESSPAY_APP_ID: 'bench_app', LESSPAY_APP_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const proxyUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    setTimeout(() => reject(new Error('the proxy printed no URL within 20 s')), 20_000).unref();
    proxy.on('close', (code) => reject(new Error(`the proxy exited with ${code} before printing its URL`)));
    proxy.stdout!.on('data', (d) => {
      text += d;
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
  });
  // Warm-up: JIT and connection paths on both sides.
  for (let i = 0; i < 200; i++) {
    await timed(upstreamUrl, i);
    await timed(proxyUrl, i);
  }
  const direct: number[] = [];
  const proxied: number[] = [];
  const total = RATE * SECONDS;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Alternate: every other request goes through the proxy.
    const viaProxy = i % 2 === 1;
    pending.push(
      timed(viaProxy ? proxyUrl : upstreamUrl, i).then((ms) => void (viaProxy ? proxied : direct).push(ms)),
    );
  }
  await Promise.all(pending);
  const memory = rssMb(proxy.pid!);
  const judgeStart = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    proxy.removeAllListeners('close');
    proxy.on('close', resolve);
    proxy.kill('SIGTERM');
  });
  const judgeMs = Math.round(performance.now() - judgeStart);
  const checks = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).checks.length;
  rmSync(dir, { recursive: true, force: true });
  await new Promise((r) => upstream.close(r));
  const added = median(proxied) - median(direct);
  return {
    requests: total,
    ratePerSecond: RATE,
    directMedianMs: +median(direct).toFixed(3),
    proxiedMedianMs: +median(proxied).toFixed(3),
    addedMedianMs: +added.toFixed(3),
    directP99Ms: +p99(direct).toFixed(3),
    proxiedP99Ms: +p99(proxied).toFixed(3),
    proxyRssMb: memory.rss,
    proxyPeakRssMb: memory.peak,
    judgeAndReportMs: judgeMs,
    checksJudged: checks,
    proxyExit: code,
    target: { addedMedianMs: 1, peakRssMb: 100 },
    met: added <= 1 && memory.peak <= 100,
    prism: { addedMedianMs: 4, rssMb: 166 },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchProxy(), null, 2));
}
