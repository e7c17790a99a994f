import { randomBytes } from 'node:crypto';
import type { CatalogueEntry } from './catalogue.js';
import { adapters, type Credentials } from './gateways/index.js';
import type { Generation } from './generate/property.js';
import { overallVerdict, summarize, verdictOf } from './report/merge.js';
import type { CheckResult, Gateway, GatewayResult, Results } from './results.js';
import { probeFiles, runGateway } from './runner.js';
import type { Capabilities, Deviation } from './selection.js';
import { smoke } from './smoke.js';
import { PROFILE_VERSION, TOOL_VERSION } from './version.js';
import { openWebhookSession, type WebhookRunOptions } from './webhooks/session.js';

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
  strict: boolean;
  selects: (entry: CatalogueEntry) => boolean;
  shard?: { index: number; total: number };
  deviations?: Map<string, Deviation>;
  capabilities?: Capabilities;
  onResult?: (result: CheckResult) => void;
  /** Webhook receiver options (--webhook-listen, --webhook-public-url, --webhook-wait). */
  webhooks?: WebhookRunOptions;
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

function shardFiles(targets: Target[], shard?: { index: number; total: number }): Map<Gateway, string[]> {
  const all = targets.flatMap((t) => probeFiles(t.gateway).map((file) => ({ gateway: t.gateway, file })));
  const picked = shard ? all.filter((_, i) => i % shard.total === shard.index - 1) : all;
  const out = new Map<Gateway, string[]>();
  for (const { gateway, file } of picked) out.set(gateway, [...(out.get(gateway) ?? []), file]);
  return out;
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
  const startedAt = new Date();
  const started = performance.now();
  const runTag = randomBytes(4).toString('hex').toUpperCase().slice(0, 6);
  const filesByGateway = shardFiles(opts.targets, opts.shard);
  const gateways: GatewayResult[] = [];
  const checks: CheckResult[] = [];
  const webhooks = await openWebhookSession(opts.targets, opts.selects, opts.webhooks);
  // Each request may take timeoutMs; a check makes a handful, so its deadline is a few of them (and a webhook
  // check waits at most twice: for the callback, then for its retry).
  const checkDeadlineMs = Math.max(opts.timeoutMs * 8, 5_000, webhooks.maxWaitMs * 2 + opts.timeoutMs * 6);
  try {
    for (const target of opts.targets) {
      const files = filesByGateway.get(target.gateway);
      if (!files) continue;
      const { error, warning } = await smoke(
        target.gateway,
        target.baseUrl,
        target.credentials,
        opts.timeoutMs,
      );
      let results: CheckResult[] = [];
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
            capabilities: opts.capabilities?.[target.gateway],
            runTag,
            webhooks: webhooks.accessFor(target),
            generation: opts.generation,
          },
          {
            throttle: { concurrency: opts.concurrency, rate: opts.rate, maxRequests: opts.maxRequests },
            selects: opts.selects,
            files,
            onResult: opts.onResult,
          },
          checkDeadlineMs,
        );
        results = applyDeviations(out.results, opts.deviations);
      }
      checks.push(...results);
      gateways.push({
        gateway: target.gateway,
        target: displayUrl(target.baseUrl),
        targetKind: target.kind,
        verdict: verdictOf(results, opts.strict, { gatewayError: error }),
        summary: summarize(results),
        ...(error ? { error } : {}),
        ...(warning ? { warning } : {}),
      });
    }
  } finally {
    await webhooks.close();
  }
  return {
    format: 'paycert-results/1',
    tool: { name: 'paycert', version: TOOL_VERSION },
    profileVersion: PROFILE_VERSION,
    runId: `${startedAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${runTag}`,
    command: 'run',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    strict: opts.strict,
    shard: opts.shard ?? null,
    ...(opts.generation ? { generation: opts.generation } : {}),
    verdict: overallVerdict(gateways.map((g) => g.verdict)),
    gateways,
    summary: summarize(checks),
    checks,
  };
}
