// The generated checks join the catalogue before anything loads it.
import '../src/generate/register.js';
// Memory against a hostile target: the `huge` behaviour answers 50 MB bodies on several endpoints; the body cap
// (--max-body, 1 MiB) must keep the client's memory bounded. The target (mock and chaos servers) runs in a child
// process (bench/hostile-target.ts), so this process holds only the client and the figure is the client's. Run alone
// (`node --expose-gc --import tsx bench/hostile.ts`) so nothing else in the process moves the RSS figure.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { certify } from '../src/engine/certify.js';
import { closeHttp } from '../src/engine/http.js';
import type { HostileTargetReady } from './hostile-target.js';

export interface HugeBodyFigures {
  /** Requests answered with a 50 MB body. */
  hugeRequests: number;
  /** Live memory (V8 heap in use plus memory outside it, where Buffers live), after a full collection. */
  baselineMb: number;
  peakMb: number;
  peakGrowthMb: number;
  growthPerHugeRequestMb: number;
  /** The process's resident size grows by the garbage not yet collected too: shown, not bounded. */
  rssGrowthMb: number;
  durationMs: number;
}

// What the body cap bounds is what the client holds, not when the collector frees what it let go: the RSS peak
// counted up to ~50 MB of read-and-dropped socket chunks that no collection had freed yet (its growth ranged 19–53 MB
// from run to run). So memory is sampled right after a full collection, every SAMPLE_MS: a client that kept whole
// bodies would hold them across the samples.
const SAMPLE_MS = 100;

function liveBytes(gc: () => void): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

export async function benchHugeBody(): Promise<HugeBodyFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bench/hostile.ts measures live memory: start node with --expose-gc');
  const child = fork(fileURLToPath(new URL('./hostile-target.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the hostile target exited (${code}) before listening`);
    }),
  ])) as [HostileTargetReady];
  const options = (baseUrl: string) => ({
    targets: [{ ...ready.target, baseUrl, kind: 'remote' as const }],
    timeoutMs: 2_000,
    maxBodyBytes: 1_048_576,
    concurrency: 4,
    rate: 0,
    maxRequests: 20_000,
    retryAfterCapMs: 10_000,
    strict: false,
    selects: () => true,
    webhooks: { waitMs: 1_500 },
  });
  let hugeRequests = 0;
  let baseline = 0;
  let peak = 0;
  let rssBaseline = 0;
  let rssPeak = 0;
  let started = 0;
  try {
    // A warm-up run without misbehaviour: loading the probes is not what this measures.
    await certify(options(ready.plainUrl));
    baseline = liveBytes(gc);
    peak = baseline;
    rssBaseline = process.memoryUsage().rss;
    rssPeak = rssBaseline;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      peak = Math.max(peak, liveBytes(gc));
    }, SAMPLE_MS);
    started = performance.now();
    try {
      await certify(options(ready.chaosUrl));
    } finally {
      clearInterval(sampler);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
  } finally {
    await closeHttp();
    if (child.connected) {
      const answer = once(child, 'message');
      child.send('stop');
      [{ hugeRequests }] = (await answer) as [{ hugeRequests: number }];
    }
    if (child.exitCode === null) await once(child, 'exit');
  }
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
  return {
    hugeRequests,
    baselineMb: mb(baseline),
    peakMb: mb(peak),
    peakGrowthMb: mb(peak - baseline),
    growthPerHugeRequestMb: mb((peak - baseline) / Math.max(1, hugeRequests)),
    rssGrowthMb: mb(rssPeak - rssBaseline),
    durationMs: Math.round(performance.now() - started),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchHugeBody()));
}
