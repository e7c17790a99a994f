// The hostile target of bench/hostile.ts, in a process of its own: the bundled Lesspay mock behind two chaos servers,
// one that passes every exchange through and one that answers 50 MB bodies on HUGE_PATHS. Apart, the servers' own
// buffers and garbage never count in the memory figure, which then measures only what the client's body cap bounds.
// Started by fork() with an IPC channel: it sends its addresses once listening, and on 'stop' closes everything and
// answers how many requests got a 50 MB body.
import { startEmbedded } from '../src/engine/embedded.js';
import { startChaos } from '../test/hostile/chaos-server.js';

export interface HostileTargetReady {
  target: Awaited<ReturnType<typeof startEmbedded>>['target'];
  plainUrl: string;
  chaosUrl: string;
}

const HUGE_PATHS = [
  '/api/global/v1/pay/create-order',
  '/api/global/payout/create-order',
  '/api/global/payout/batch/create-order',
  '/api/global/payout/query',
];

if (process.send) {
  const { target, mock } = await startEmbedded('lesspay', { webhookRetryDelaysMs: [50, 100, 200] });
  const plain = await startChaos({ upstream: target.baseUrl, behaviours: {} });
  const chaos = await startChaos({
    upstream: target.baseUrl,
    behaviours: Object.fromEntries(HUGE_PATHS.map((p) => [p, 'huge' as const])),
  });
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    const hugeRequests = chaos.stats.log.filter((r) =>
      HUGE_PATHS.includes(new URL(r.path, 'http://x').pathname),
    ).length;
    await Promise.all([plain.close(), chaos.close()]);
    await mock.close();
    process.send!({ hugeRequests }, () => process.exit(0));
  });
  // The parent may die without saying 'stop': the target never outlives it.
  process.on('disconnect', () => process.exit(0));
  const ready: HostileTargetReady = { target, plainUrl: plain.url, chaosUrl: chaos.url };
  process.send(ready);
}
