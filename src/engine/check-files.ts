import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { Gateway } from '../core/results.js';
import { codeFolder, dataFolder, gatewayModel } from '../gateways/index.js';
import { checksOf, type ProbeCheck, probeTree } from './probe-file.js';

// Which probe file declares each check, as `npm run docs:checks` records it from the call sites (generated beside
// the catalogue: <catalogue dir>/sources/<main>.json; drift test src/engine/check-sources.spec.ts). A run reads it to
// import only the probe files that declare a selected check (importing all of Lesspay's costs ~30 ms of CPU, the
// largest avoidable part of a 1-check run), and shards and lanes are planned from it without importing any. A file
// it does not list (a new one not regenerated yet, a test's own) is imported to be read, as before.

/** A gateway's record: each probe file (name without extension, e.g. `auth.probe`) → its check IDs in declaration
 * order, the generated ones included. */
export interface CheckSources {
  gateway: Gateway;
  files: Record<string, string[]>;
}

/** The path of a gateway's record, beside its catalogue. */
export function sourcesPath(gateway: Gateway): string {
  const { dir, main } = gatewayModel(gateway).locations.catalogue;
  return join(dataFolder(dir), 'sources', `${main}.json`);
}

/** A probe file's name as the record keys it: without the extension, which differs from sources to dist. */
export const sourceKey = (file: string) => basename(file).replace(/\.[cm]?[tj]s$/, '');

/** Records read, by path (a test may register another gateway under a name used before). */
const cache = new Map<string, Record<string, string[]> | undefined>();

function recorded(gateway: Gateway): Record<string, string[]> | undefined {
  const path = sourcesPath(gateway);
  if (cache.has(path)) return cache.get(path);
  const record = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as CheckSources) : undefined;
  if (record && record.gateway !== gateway) throw new Error(`${path}: gateway must be ${gateway}`);
  cache.set(path, record?.files);
  return record?.files;
}

/** The IDs the record lists for a probe file of the gateway's probe folder, or undefined when it lists none. */
function recordedIds(gateway: Gateway, file: string): string[] | undefined {
  if (dirname(file) + sep !== codeFolder(gatewayModel(gateway).locations.probes)) return undefined;
  return recorded(gateway)?.[sourceKey(file)];
}

/** The IDs of the checks a probe file declares, in declaration order: from the record, else from the file itself. */
export async function declaredIds(gateway: Gateway, file: string): Promise<string[]> {
  return recordedIds(gateway, file) ?? checksOf(await probeTree(file)).map((c) => c.id);
}

/**
 * The checks of a probe file, imported; refuses a file whose checks are not those the record lists for it, so a
 * stale record (a call site moved without `npm run docs:checks`) stops the run instead of leaving a check out.
 */
export async function loadedChecks(gateway: Gateway, file: string): Promise<ProbeCheck[]> {
  const checks = checksOf(await probeTree(file));
  const listed = recordedIds(gateway, file);
  if (listed && listed.join() !== checks.map((c) => c.id).join())
    throw new Error(
      `${file} declares other checks than ${sourcesPath(gateway)} lists: run npm run docs:checks`,
    );
  return checks;
}
