// A target that refuses every request with 429 or 503 and `Retry-After: 2` (issue 26): the run must end within its
// wait budget (--max-wait, default 30 s) with exit 2, on both gateways. Each figure is the compiled CLI's whole
// process wall time next to the same run given no wait at all (--max-wait 0, measured alongside): the target is
// that the difference, the time spent waiting, stays within the budget.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Gateway } from '../src/core/results.js';
import { startChaos } from '../test/hostile/chaos-server.js';

const bin = fileURLToPath(new URL('../bin/paycert.js', import.meta.url));

export async function benchWaitBound(maxWaitMs = 30_000) {
  const dir = mkdtempSync(join(tmpdir(), 'paycert-bench-wait-'));
  const key = join(dir, 'merchant.pem');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const env = {
    ...process.env,
    LESSPAY_APP_ID: 'bench-app',
    LESSPAY_APP_SECRET: 'bench-secret',
    PAYLOCO_MERCHANT_ID: 'bench-merchant',
    PAYLOCO_PRIVATE_KEY: key,
  };
  const rows: Record<string, unknown>[] = [];
  try {
    for (const gateway of ['lesspay', 'payloco'] as Gateway[]) {
      for (const [status, behaviour] of [
        [429, 'throttle'],
        [503, 'unavailable'],
      ] as const) {
        const once = async (budgetMs: number) => {
          // No upstream: every path refuses.
          const chaos = await startChaos({
            upstream: 'http://127.0.0.1:9',
            behaviours: { '*': behaviour },
            retryAfter: '2',
          });
          const started = performance.now();
          // spawn, not spawnSync: the refusing target runs in this process and must keep answering.
          const out = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
            const child = spawn(
              process.execPath,
              [bin, 'run', gateway, '--base-url', chaos.url, '--max-wait', String(budgetMs), '--quiet'],
              { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
            );
            let stderr = '';
            child.stderr.on('data', (d) => (stderr += d));
            const timer = setTimeout(() => child.kill('SIGKILL'), budgetMs * 3 + 30_000);
            child.on('close', (code) => {
              clearTimeout(timer);
              resolve({ status: code, stderr });
            });
          });
          const wallMs = performance.now() - started;
          await chaos.close();
          return { ...out, wallMs, requests: chaos.stats.requests };
        };
        // The baseline: the same run with no wait allowed (start-up, every check ending at once, the report).
        const base = await once(0);
        const run = await once(maxWaitMs);
        rows.push({
          gateway,
          status,
          exit: run.status,
          wallMs: Math.round(run.wallMs),
          noWaitWallMs: Math.round(base.wallMs),
          waitedMs: Math.round(run.wallMs - base.wallMs),
          maxWaitMs,
          requests: run.requests,
          met: run.status === 2 && base.status === 2 && run.wallMs - base.wallMs <= maxWaitMs,
          line: run.stderr.trim().split('\n').at(-1),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await benchWaitBound(Number(process.argv[2] ?? 30_000)));
}
