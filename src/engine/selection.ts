import { readFileSync } from 'node:fs';
import { jsonErrorText, UsageError } from '../core/errors.js';
import type { Gateway } from '../core/results.js';
import { validate } from '../core/schema-registry.js';
import type { CatalogueEntry } from './catalogue.js';
import { catalogueOwner } from './catalogue.js';

// Which checks a run selects, which deviations it knows and which capabilities the target declares.

/** `--only LP-QO-*,PL-ENV-001`: check-ID globs (`*` and `?`); a tiny matcher is clearer than a dependency here. */
export function idMatcher(globs: string[] | undefined): (entry: CatalogueEntry) => boolean {
  if (!globs || globs.length === 0) return () => true;
  const patterns = globs.map(
    (g) =>
      new RegExp(
        `^${g
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      ),
  );
  return (entry) => patterns.some((p) => p.test(entry.id));
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} file ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} file ${path} is not valid JSON: ${jsonErrorText(err, text)}`);
  }
}

export interface Deviation {
  check: string;
  reason: string;
  issue?: string;
  /** Date (YYYY-MM-DD) after which the deviation no longer excuses the check: it fails the run like a stale one. */
  expires?: string;
}

export function loadDeviations(path: string): Map<string, Deviation> {
  const data = readJson(path, 'deviations');
  const { valid, problems } = validate('paycert/deviations.schema.json', data);
  if (!valid) throw new UsageError(`deviations file ${path}: ${problems[0].message}`);
  const out = new Map<string, Deviation>();
  for (const d of (data as { deviations: Deviation[] }).deviations) {
    if (!catalogueOwner(d.check))
      throw new UsageError(`deviations file ${path} names unknown check ID ${d.check}`);
    out.set(d.check, d);
  }
  return out;
}

export type Capabilities = Partial<Record<Gateway, Set<string>>>;

export function loadCapabilities(path: string): Capabilities {
  const data = readJson(path, 'capabilities');
  const { valid, problems } = validate('paycert/capabilities.schema.json', data);
  if (!valid) throw new UsageError(`capabilities file ${path}: ${problems[0].message}`);
  return Object.fromEntries(
    Object.entries(data as Record<string, string[]>).map(([g, list]) => [g, new Set(list)]),
  );
}

/** `--shard 2/4`: 1-based index and total. */
export function parseShard(value: string): { index: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = m ? Number(m[1]) : Number.NaN;
  const total = m ? Number(m[2]) : Number.NaN;
  if (!m || total < 1 || index < 1 || index > total)
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, got ${value}`);
  return { index, total };
}
