// Shards of one run merged into one results document; the verdict is recomputed by the core's rule.
import type { Check, GatewayResult, Results, Scope, Status } from '../core/results.js';
import { isGatewayRun, recompute, type UnjudgedResults } from '../core/verdict.js';

// When two shards report the same check, the more damning outcome is kept: a certification must not turn green
// because a retry passed.
const severity: Record<Status, number> = { failed: 3, error: 2, passed: 1, skipped: 0 };

export interface MergeOptions {
  /** Merge even when shard indexes 1..total are not all present (the result then says nothing about a shard). */
  allowPartial?: boolean;
}

/**
 * Merges the results of shards of one run (same tool, profile and strict flag) into one results document: checks
 * concatenated and de-duplicated by gateway+id, gateway entries united, summaries and verdicts recomputed.
 * Throws when the parts are incompatible or, unless `allowPartial`, when shards are missing.
 */
export function mergeResults(parts: Results[], opts: MergeOptions = {}): Results {
  if (parts.length === 0) throw new Error('mergeResults: nothing to merge');
  const first = parts[0]!;
  for (const p of parts) {
    if (p.format !== first.format) throw new Error(`cannot merge ${p.format} with ${first.format}`);
    if (p.tool.name !== first.tool.name || p.tool.version !== first.tool.version)
      throw new Error(`cannot merge results of ${p.tool.name} ${p.tool.version} and ${first.tool.version}`);
    if (p.profileVersion !== first.profileVersion)
      throw new Error(`cannot merge profile ${p.profileVersion} with profile ${first.profileVersion}`);
    if ((p.strict ?? false) !== (first.strict ?? false))
      throw new Error('cannot merge a --strict run with a non-strict run');
  }
  checkShards(parts, opts);
  checkSameRun(parts);

  const gateways = new Map<string, GatewayResult>();
  for (const p of parts) {
    for (const g of p.gateways) {
      const seen = gateways.get(g.gateway);
      if (!seen) {
        gateways.set(g.gateway, { ...g });
        continue;
      }
      // Shards of an embedded run each start their own bundled mock on another ephemeral port: same target.
      const bothEmbedded = seen.targetKind === 'embedded-mock' && g.targetKind === 'embedded-mock';
      if (seen.target !== g.target && !bothEmbedded)
        throw new Error(
          `cannot merge ${g.gateway} runs against different targets: ${seen.target}, ${g.target}`,
        );
      if (g.error && !seen.error?.split('; ').includes(g.error))
        seen.error = seen.error ? `${seen.error}; ${g.error}` : g.error;
      seen.targetKind ??= g.targetKind;
    }
  }

  const byKey = new Map<string, Check>();
  for (const p of parts) {
    for (const c of p.checks) {
      const key = `${c.gateway}\u0000${c.id}`;
      const seen = byKey.get(key);
      if (!seen || severity[c.status] > severity[seen.status]) byKey.set(key, c);
    }
  }

  const starts = parts.map((p) => Date.parse(p.startedAt));
  const ends = parts.map((p, i) => (p.finishedAt ? Date.parse(p.finishedAt) : starts[i]! + p.durationMs));
  const start = Math.min(...starts);
  const end = Math.max(...ends);
  const runIds = [...new Set(parts.map((p) => p.runId))];

  const merged: UnjudgedResults = {
    format: first.format,
    tool: { ...first.tool },
    profileVersion: first.profileVersion,
    runId: runIds.join('+'),
    command: 'merged',
    startedAt: new Date(start).toISOString(),
    finishedAt: new Date(end).toISOString(),
    durationMs: Math.max(0, end - start),
    strict: first.strict ?? false,
    ...(parts.every((p) => p.allowIncomplete) ? { allowIncomplete: true } : {}),
    // One interrupted part makes the whole interrupted: its checks are only those judged before the signal.
    ...(parts.find((p) => p.interrupted)
      ? { interrupted: parts.find((p) => p.interrupted)!.interrupted }
      : {}),
    // Full evidence only when every part kept it in full.
    ...(parts.some((p) => p.evidence === 'failures') ? { evidence: 'failures' as const } : {}),
    ...(parts.every((p) => p.evidence === 'full') ? { evidence: 'full' as const } : {}),
    shard: null,
    ...(first.scope
      ? { scope: { ...first.scope, selection: { ...first.scope.selection, shard: null }, statement: '' } }
      : {}),
    gateways: [...gateways.values()],
    checks: [...byKey.values()],
  };
  for (const c of merged.checks)
    if (!gateways.has(c.gateway))
      throw new Error(`check ${c.id} belongs to gateway ${c.gateway}, which no part describes`);
  // Merged `verify` or `webhook-test` parts promise no whole gateway profile; merged `run` shards do.
  return recompute(merged, parts.some(isGatewayRun));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const words = (v: unknown) =>
  Array.isArray(v) ? v.join(',') || '(none)' : typeof v === 'string' ? v : JSON.stringify(v);

/** What must agree between the shards of one run, each with how it is named when it does not. Targets of the
 * bundled mock are compared by variant and fault (each shard starts its own mock on another port). */
const IDENTITY: [string, (s: Scope) => unknown][] = [
  ['run id', (s) => s.runId],
  ['gateways', (s) => s.gateways],
  [
    'target',
    (s) =>
      s.targets.map(
        (t) => `${t.gateway} ${t.kind === 'embedded-mock' ? `bundled mock ${t.mock}` : t.target}`,
      ),
  ],
  ['paycert version', (s) => s.paycertVersion],
  ['profile version', (s) => s.profileVersion],
  ['catalogue', (s) => s.catalogueHash],
  ['seed', (s) => s.seed],
  ['budget', (s) => s.budget],
  ['--only', (s) => s.selection.only],
  ['--skip', (s) => s.selection.skip],
  ['declared capabilities', (s) => s.capabilities],
  ['deviations', (s) => s.deviations],
  ['--strict', (s) => s.strict],
  ['--allow-incomplete', (s) => s.allowIncomplete],
];

/** Shards merge only when they are parts of one run: same identity (IDENTITY), each part once. */
function checkSameRun(parts: Results[]): void {
  const withScope = parts.filter((p) => p.scope);
  if (withScope.length > 0 && withScope.length < parts.length)
    throw new Error('a part carries no run identity (written by an older paycert, or not by `run`)');
  const first = withScope[0]?.scope;
  if (!first) return;
  for (const p of withScope.slice(1)) {
    for (const [name, get] of IDENTITY) {
      const a = get(first);
      const b = get(p.scope!);
      if (!same(a, b)) throw new Error(`these are not shards of one run: ${name} ${words(a)} vs ${words(b)}`);
    }
  }
}

function checkShards(parts: Results[], opts: MergeOptions): void {
  const shards = parts.map((p) => p.shard).filter((s) => s);
  if (shards.length === 0) return;
  if (shards.length < parts.length) throw new Error('a sharded run cannot be merged with an unsharded one');
  const totals = new Set(shards.map((s) => s!.total));
  if (totals.size > 1) throw new Error(`shards of different splits: totals ${[...totals].join(', ')}`);
  const seen = new Set<number>();
  for (const s of shards) {
    if (seen.has(s!.index)) throw new Error(`shard ${s!.index}/${s!.total} is given twice`);
    seen.add(s!.index);
  }
  if (opts.allowPartial) return;
  const total = shards[0]!.total;
  const have = new Set(shards.map((s) => s!.index));
  const missing: number[] = [];
  for (let i = 1; i <= total; i++) if (!have.has(i)) missing.push(i);
  if (missing.length) throw new Error(`missing shard(s) ${missing.map((i) => `${i}/${total}`).join(', ')}`);
}
