// Shards of one run merged into one results document; the verdict is recomputed by the core's rule.
import type { Check, GatewayResult, Results, Status } from '../core/results.js';
import { recompute, summarize } from '../core/verdict.js';

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

  const merged: Results = {
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
    // Full evidence only when every part kept it in full.
    ...(parts.some((p) => p.evidence === 'failures') ? { evidence: 'failures' as const } : {}),
    ...(parts.every((p) => p.evidence === 'full') ? { evidence: 'full' as const } : {}),
    shard: null,
    verdict: 'error',
    gateways: [...gateways.values()],
    summary: summarize([]),
    checks: [...byKey.values()],
  };
  for (const c of merged.checks)
    if (!gateways.has(c.gateway))
      throw new Error(`check ${c.id} belongs to gateway ${c.gateway}, which no part describes`);
  return recompute(merged);
}

function checkShards(parts: Results[], opts: MergeOptions): void {
  const shards = parts.map((p) => p.shard).filter((s) => s);
  if (shards.length === 0) return;
  const totals = new Set(shards.map((s) => s!.total));
  if (totals.size > 1) throw new Error(`shards of different splits: totals ${[...totals].join(', ')}`);
  if (opts.allowPartial) return;
  const total = shards[0]!.total;
  const have = new Set(shards.map((s) => s!.index));
  const missing: number[] = [];
  for (let i = 1; i <= total; i++) if (!have.has(i)) missing.push(i);
  if (missing.length) throw new Error(`missing shard(s) ${missing.map((i) => `${i}/${total}`).join(', ')}`);
}
