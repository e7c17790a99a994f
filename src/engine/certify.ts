import { type RunClock, resultsDocument, startRun } from '../core/head.js';
import type { CheckResult, Gateway, GatewayResult, Results, Scope } from '../core/results.js';
import { interruptedGateway, judgeGateway, scopeStatement, selectionText } from '../core/verdict.js';
import { PROFILE_VERSION, TOOL_VERSION } from '../core/version.js';
import { type Credentials, gatewayModel } from '../gateways/index.js';
import { type CatalogueEntry, catalogue, catalogueHash, mustTotal } from './catalogue.js';
import type { PaymentDriver, PayoutDriver } from './drivers.js';
import { DEFAULT_BUDGET, type Generation } from './generation.js';
import { probeFiles, runGateway } from './runner.js';
import type { Capabilities, Deviation } from './selection.js';
import { shardSelector } from './shard.js';
import { smoke } from './smoke.js';
import { announceWaits } from './waits.js';
import { openWebhookSession, type WebhookRunOptions } from './webhook-session.js';

export interface Target {
  gateway: Gateway;
  baseUrl: string;
  credentials: Credentials;
  kind: 'embedded-mock' | 'remote';
  /** The webhook retry delays the run gave a bundled mock, so a retry's wait follows them (webhook-session.ts). */
  webhookRetryDelaysMs?: readonly number[];
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
  /** Called with each check the request budget (--max-requests) left unrun. */
  onStarved?: (checkId: string) => void;
  /** Webhook receiver options (--webhook-listen, --webhook-public-url, --webhook-wait). */
  webhooks?: WebhookRunOptions;
  /** How lifecycle checks finish payments (--driver); default: the auto driver. */
  driver?: PaymentDriver;
  /** How payouts that wait for a person's review are approved (--payout-driver); default: none. */
  payoutDriver?: PayoutDriver;
  /** Lines for the person running paycert: a driver's instructions, what the run waits for. */
  say?: (line: string, opts?: { transient?: boolean }) => void;
  /** Seed and budget of the generated checks (--seed, --budget); undefined: seed 0, default budget. */
  generation?: Generation;
  /** What the caller knows of the run's scope beyond these options: the shared run id, the gateways asked for, the
   * --only/--skip globs, the bundled mock's variant and fault. */
  scope?: ScopeInput;
}

export interface ScopeInput {
  /** Shared by the shards of one run; default: this process's run id. */
  runId?: string;
  gateways?: Gateway[];
  only?: string[];
  skip?: string[];
  /** "variant a, fault x": what the bundled mock served. */
  mock?: string;
}

/** The scope record of a run (results.json `scope`), its statement left for the verdicts. */
function scopeOf(opts: CertifyOptions, runId: string): Scope {
  const input = opts.scope ?? {};
  return {
    runId: input.runId ?? runId,
    gateways: input.gateways ?? opts.targets.map((t) => t.gateway),
    targets: opts.targets.map((t) => ({
      gateway: t.gateway,
      target: displayUrl(t.baseUrl),
      kind: t.kind,
      ...(t.kind === 'embedded-mock' ? { mock: input.mock ?? 'variant a' } : {}),
    })),
    profileVersion: PROFILE_VERSION,
    paycertVersion: TOOL_VERSION,
    catalogueHash: Object.fromEntries(opts.targets.map((t) => [t.gateway, catalogueHash(t.gateway)])),
    seed: opts.generation?.seed ?? 0,
    budget: opts.generation?.budget ?? DEFAULT_BUDGET,
    selection: {
      only: input.only ?? [],
      skip: input.skip ?? [],
      shard: opts.shard ? `${opts.shard.index}/${opts.shard.total}` : null,
    },
    capabilities: opts.capabilities
      ? Object.fromEntries(Object.entries(opts.capabilities).map(([g, set]) => [g, [...set!].sort()]))
      : null,
    deviations: opts.deviations ? [...opts.deviations.keys()].sort() : [],
    strict: opts.strict,
    allowIncomplete: opts.allowIncomplete === true,
    statement: '',
  };
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
  const today = new Date().toISOString().slice(0, 10);
  return results.map((r) => {
    const d = deviations.get(r.id);
    if (!d) return r;
    // An expired deviation was accepted until a date: past it, it fails the run as a stale one does, and says why.
    if (d.expires && d.expires < today && r.status !== 'skipped')
      return { ...r, deviation: { reason: d.reason, stale: true, expired: d.expires } };
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
  const scope = scopeOf(opts, clock.runId);
  const selection = selectionText({ scope, shard: opts.shard ?? null });
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
        await gatewayModel(target.gateway).adapter.prepare?.();
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
            payoutDriver: opts.payoutDriver,
            say: opts.say,
            generation: opts.generation,
          },
          {
            throttle: { concurrency: opts.concurrency, rate: opts.rate, maxRequests: opts.maxRequests },
            selects,
            files,
            onResult: opts.onResult,
            onStarved: opts.onStarved,
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
        ...judgeGateway(results, opts.strict, {
          gatewayError: error ?? stopped,
          mustTotal: mustTotal(target.gateway),
          selection,
        }),
        ...(error || stopped ? { error: error ?? stopped } : {}),
        ...(warning ? { warning } : {}),
      });
    }
  } finally {
    stopAnnouncing();
    await webhooks.close();
    await opts.driver?.close?.();
    await opts.payoutDriver?.close?.();
  }
  return resultsDocument(clock, {
    command: 'run',
    strict: opts.strict,
    allowIncomplete: opts.allowIncomplete,
    shard: opts.shard ?? null,
    driver: opts.driver?.name ?? 'auto',
    ...(opts.payoutDriver ? { payoutDriver: opts.payoutDriver.name } : {}),
    generation: opts.generation,
    scope: {
      ...scope,
      statement: gateways.length ? scopeStatement(gateways) : `nothing judged (${selection})`,
    },
    gateways,
    checks,
    // An empty shard (more shards than units of work) judges nothing and fails nothing: it merges as an empty part.
    ...(opts.shard && gateways.length === 0 ? { emptyShard: true } : {}),
  });
}

/**
 * The results document of a run a signal stopped: every target it was judging, and the checks that completed before
 * the signal (the run session marks the whole `interrupted`).
 */
export function partialResults(
  clock: RunClock,
  targets: readonly Target[],
  checks: readonly CheckResult[],
  opts: { strict: boolean; allowIncomplete: boolean; shard: Results['shard']; driver: string },
): Results {
  return resultsDocument(clock, {
    command: 'run',
    strict: opts.strict,
    allowIncomplete: opts.allowIncomplete,
    shard: opts.shard,
    driver: opts.driver,
    gateways: targets.map((t) => {
      const own = checks.filter((c) => c.gateway === t.gateway);
      return {
        gateway: t.gateway,
        target: displayUrl(t.baseUrl),
        targetKind: t.kind,
        ...interruptedGateway(own),
      };
    }),
    checks: [...checks],
    interrupted: true,
  });
}
