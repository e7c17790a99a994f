// Memory against a hostile target: the `huge` behaviour answers 50 MB bodies on several endpoints; the body cap
// (--max-body, 1 MiB) must keep the process's memory bounded. Run alone (`node --import tsx bench/hostile.ts`) so
// nothing else in the process moves the RSS figure.
import { fileURLToPath } from 'node:url';
import { certify } from '../src/engine/certify.js';
import { startEmbedded } from '../src/engine/embedded.js';
import { closeHttp } from '../src/engine/http.js';
import { startChaos } from '../test/hostile/chaos-server.js';

export interface HugeBodyFigures {
  /** Requests answered with a 50 MB body. */
  hugeRequests: number;
  baselineRssMb: number;
  peakRssMb: number;
  peakGrowthMb: number;
  growthPerHugeRequestMb: number;
  durationMs: number;
}

export async function benchHugeBody(): Promise<HugeBodyFigures> {
  const { target, mock } = await startEmbedded('lesspay', { webhookRetryDelaysMs: [50, 100, 200] });
  const paths = [
    '/api/global/v1/pay/create-order',
    '/api/global/payout/create-order',
    '/api/global/payout/batch/create-order',
    '/api/global/payout/query',
  ];
  const options = (baseUrl: string) => ({
    targets: [{ ...target, baseUrl, kind: 'remote' as const }],
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
  // A warm-up run without misbehaviour: loading the probes and mocha is not what this measures.
  const plain = await startChaos({ upstream: target.baseUrl, behaviours: {} });
  await certify(options(plain.url));
  await plain.close();
  const chaos = await startChaos({
    upstream: target.baseUrl,
    behaviours: Object.fromEntries(paths.map((p) => [p, 'huge' as const])),
  });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  try {
    await certify(options(chaos.url));
  } finally {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    await chaos.close();
    await mock.close();
    await closeHttp();
  }
  const hugeRequests = chaos.stats.log.filter((r) =>
    paths.includes(new URL(r.path, 'http://x').pathname),
  ).length;
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
  return {
    hugeRequests,
    baselineRssMb: mb(baseline),
    peakRssMb: mb(peak),
    peakGrowthMb: mb(peak - baseline),
    growthPerHugeRequestMb: mb((peak - baseline) / Math.max(1, hugeRequests)),
    durationMs: Math.round(performance.now() - started),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchHugeBody()));
}
