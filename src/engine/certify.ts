import { resultsDocument, startRun } from '../core/head.js';
import type { CheckResult, Gateway, GatewayResult, Results } from '../core/results.js';
import { summarize, verdictOf } from '../core/verdict.js';
import type { PaymentDriver } from '../drivers/types.js';
import { adapters, type Credentials } from '../gateways/index.js';
import type { Generation } from '../generate/property.js';
import { openWebhookSession, type WebhookRunOptions } from '../webhooks/session.js';
import { announceWaits } from '../webhooks/waits.js';
import { type CatalogueEntry, catalogue } from './catalogue.js';
import { probeFiles, runGateway } from './runner.js';
import type { Capabilities, Deviation } from './selection.js';
import { shardSelector } from './shard.js';
import { smoke } from './smoke.js';

export interface Target {
  gateway: Gateway;
  baseUrl: string;
  credentials: Credentials;
  kind: 'embedded-mock' | 'remote';
}

export interface CertifyOptions {
  targets: Target[];
  timeoutMs: number;
  maxBodyBytes: number;
  concurrency: number;
  rate: number;
  maxRequests: number;
  retryAfterCapMs: number;
  /** Total wait on the target's Retry-After before the run stops as a setup error (--max-wait); default 30 s. */
  maxWaitMs?: number;
  strict: boolean;
  /** --allow-incomplete: recorded in the results so every output says the incomplete verdict was accepted. */
  allowIncomplete?: boolean;
  selects: (entry: CatalogueEntry) => boolean;
  shard?: { index: number; total: number };
  deviations?: Map<string, Deviation>;
  capabilities?: Capabilities;
  onResult?: (result: CheckResult) => void;
  /** Webhook receiver options (--webhook-listen, --webhook-public-url, --webhook-wait). */
  webhooks?: WebhookRunOptions;
  /** How lifecycle checks finish payments (--driver); default: the auto driver. */
  driver?: PaymentDriver;
  /** Lines for the person running paycert: a driver's instructions, what the run waits for. */
  say?: (line: string, opts?: { transient?: boolean }) => void;
  /** Seed and budget of the generated checks (--seed, --budget); undefined: seed 0, default budget. */
  generation?: Generation;
}

/** Base URL as it may be shown: user info and query removed. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.href.replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

function applyDeviations(results: CheckResult[], deviations?: Map<string, Deviation>): CheckResult[] {
  if (!deviations) return results;
  return results.map((r) => {
    const d = deviations.get(r.id);
    if (!d) return r;
    if (r.status === 'passed') return { ...r, deviation: { reason: d.reason, stale: true } };
    if (r.status === 'failed' || r.status === 'error') return { ...r, deviation: { reason: d.reason } };
    return r;
  });
}

/** Certifies each target: smoke request, then every selected check; returns results.json data. */
export async function certify(opts: CertifyOptions): Promise<Results> {
  const clock = startRun();
  const { runTag } = clock;
  const selects = opts.shard
    ? await shardSelector(
        opts.targets.map((t) => t.gateway),
        opts.selects,
        opts.shard,
      )
    : opts.selects;
  const gateways: GatewayResult[] = [];
  const checks: CheckResult[] = [];
  const webhooks = await openWebhookSession(opts.targets, selects, opts.webhooks);
  // Each request may take timeoutMs; a check makes a handful, so its deadline is a few of them (and a webhook
  // check waits at most twice: for the callback, then for its retry).
  const stopAnnouncing = opts.say ? announceWaits(opts.say) : () => {};
  const checkDeadlineMs = Math.max(opts.timeoutMs * 8, 5_000, webhooks.maxWaitMs * 2 + opts.timeoutMs * 6);
  try {
    for (const target of opts.targets) {
      // A gateway with no selected check (in this shard) is not run and not judged.
      if (!catalogue(target.gateway).checks.some(selects)) continue;
      const files = probeFiles(target.gateway);
      const { error, warning } = await smoke(
        target.gateway,
        target.baseUrl,
        target.credentials,
        opts.timeoutMs,
        target.kind === 'remote',
      );
      let results: CheckResult[] = [];
      let stopped: string | undefined;
      if (!error) {
        await adapters[target.gateway].prepare?.();
        const out = await runGateway(
          {
            gateway: target.gateway,
            baseUrl: target.baseUrl,
            credentials: target.credentials,
            timeoutMs: opts.timeoutMs,
            maxBodyBytes: opts.maxBodyBytes,
            retryAfterCapMs: opts.retryAfterCapMs,
            maxWaitMs: opts.maxWaitMs,
            capabilities: opts.capabilities?.[target.gateway],
            runTag,
            webhooks: webhooks.accessFor(target),
            driver: opts.driver,
            say: opts.say,
            generation: opts.generation,
          },
          {
            throttle: { concurrency: opts.concurrency, rate: opts.rate, maxRequests: opts.maxRequests },
            selects,
            files,
            onResult: opts.onResult,
          },
          checkDeadlineMs,
        );
        results = applyDeviations(out.results, opts.deviations);
        // A target that kept refusing requests could not be judged: a setup error, with what was judged kept.
        stopped = out.run.waitExhausted;
      }
      checks.push(...results);
      gateways.push({
        gateway: target.gateway,
        target: displayUrl(target.baseUrl),
        targetKind: target.kind,
        verdict: verdictOf(results, opts.strict, { gatewayError: error ?? stopped }),
        summary: summarize(results),
        ...(error || stopped ? { error: error ?? stopped } : {}),
        ...(warning ? { warning } : {}),
      });
    }
  } finally {
    stopAnnouncing();
    await webhooks.close();
    await opts.driver?.close?.();
  }
  return resultsDocument(clock, {
    command: 'run',
    strict: opts.strict,
    allowIncomplete: opts.allowIncomplete,
    shard: opts.shard ?? null,
    driver: opts.driver?.name ?? 'auto',
    generation: opts.generation,
    gateways,
    checks,
    // An empty shard (more shards than units of work) judges nothing and fails nothing: it merges as an empty part.
    ...(opts.shard && gateways.length === 0 ? { verdict: 'certified' as const } : {}),
  });
}
