// The embedded certification run of both gateways, against its floor: the same requests sent by a bare loop
// with fetch and checked with Ajv. Targets (issue 5): run <= 3 s, ms/check <= 1.5 x the floor.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HttpRequest, recordRequests } from '../src/http.js';
import { validatorFor } from '../src/schema-registry.js';
import { certifyMock } from '../src/selftest/certify-mock.js';
import { startEmbedded } from '../src/embedded.js';
import type { Gateway } from '../src/results.js';

const ENVELOPE: Record<Gateway, string> = {
  lesspay: 'lesspay/envelope.schema.json',
  payloco: 'payloco/envelope.schema.json',
};

async function replay(gateway: Gateway, requests: HttpRequest[], recordedBase: string, concurrency: number) {
  const { target, mock } = await startEmbedded(gateway, { webhookRetryDelaysMs: [50, 100, 200] });
  const validate = validatorFor(ENVELOPE[gateway]);
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const r = requests[next++];
      const res = await fetch(r.url.replace(recordedBase, target.baseUrl), {
        method: r.method,
        headers: r.headers,
        body: r.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      });
      const text = await res.text();
      try {
        validate(JSON.parse(text));
      } catch {
        // Not JSON (an HTML checkout page): the floor only pays for the attempt, as the suite does.
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const ms = performance.now() - started;
  await mock.close();
  return ms;
}

export async function benchRun() {
  const concurrency = 4;
  const rows: Record<string, unknown>[] = [];
  let totalMs = 0;
  let totalChecks = 0;
  let totalFloor = 0;
  for (const gateway of ['lesspay', 'payloco'] as const) {
    const sent: HttpRequest[] = [];
    recordRequests((r) => sent.push(r));
    const started = performance.now();
    const results = await certifyMock(gateway, { variant: 'a' }, { concurrency });
    const ms = performance.now() - started;
    recordRequests(undefined);
    const base = results.gateways[0].target;
    const floorMs = await replay(gateway, sent, base, concurrency);
    const checks = results.checks.length;
    totalMs += ms;
    totalChecks += checks;
    totalFloor += floorMs;
    rows.push({
      gateway,
      checks,
      requests: sent.length,
      runMs: Math.round(ms),
      msPerCheck: +(ms / checks).toFixed(2),
      floorMs: Math.round(floorMs),
      floorMsPerCheck: +(floorMs / checks).toFixed(2),
      ratio: +(ms / floorMs).toFixed(2),
      verdict: results.verdict,
    });
  }
  // The whole user-facing command, process start-up and report writing included.
  const dir = mkdtempSync(join(tmpdir(), 'paycert-bench-'));
  const bin = fileURLToPath(new URL('../bin/paycert.js', import.meta.url));
  const cliStart = performance.now();
  const cli = spawnSync(process.execPath, [bin, 'run', '--quiet', '--report-dir', dir], { encoding: 'utf8' });
  const cliMs = performance.now() - cliStart;
  rmSync(dir, { recursive: true, force: true });
  return {
    rows,
    inProcessMs: Math.round(totalMs),
    checks: totalChecks,
    msPerCheck: +(totalMs / totalChecks).toFixed(2),
    floorMsPerCheck: +(totalFloor / totalChecks).toFixed(2),
    ratio: +(totalMs / totalFloor).toFixed(2),
    cliWallMs: Math.round(cliMs),
    cliExit: cli.status,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    targets: { runMs: 3000, ratio: 1.5 },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await benchRun();
  console.table(out.rows);
  console.log(JSON.stringify({ ...out, rows: undefined }, null, 2));
}
