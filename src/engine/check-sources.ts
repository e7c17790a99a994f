import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Catalogue, catalogueFiles } from '../core/catalogue.js';
import { codeExt } from '../core/paths.js';
import type { Gateway } from '../core/results.js';
import { codeFolder, gatewayModel } from '../gateways/index.js';
import { type CheckSources, sourceKey, sourcesPath } from './check-files.js';
import { type CheckMeta, checksOf, FAULT_FIELDS, probeTree } from './probe-file.js';
import { probeFiles } from './runner.js';

// A hand-written check is written once, at its call site in a probe file. The catalogue JSON files are generated
// from those call sites (npm run docs:checks) and stay committed: the runtime, package consumers and docs read them
// without importing probe code. A part's readings and docs are gateway data, kept by hand; its `checks` are not.

/** A declared check with the probe file that declares it. */
export interface DeclaredCheck {
  file: string;
  meta: CheckMeta;
}

const areaOf = (file: string) => basename(file).replace(/\.probe\.[cm]?[tj]s$/, '');

/** The order of a gateway's probe files in its catalogue (suites/probes/<gateway>/catalogue-order.ts). */
async function catalogueOrder(gateway: Gateway): Promise<string[]> {
  const href = pathToFileURL(
    join(codeFolder(gatewayModel(gateway).locations.probes), `catalogue-order${codeExt}`),
  ).href;
  return ((await import(href)) as { CATALOGUE_ORDER: string[] }).CATALOGUE_ORDER;
}

/** The hand-written checks of a gateway in catalogue order: files as catalogue-order.ts lists them, then by ID. */
export async function declaredChecks(gateway: Gateway): Promise<DeclaredCheck[]> {
  const order = await catalogueOrder(gateway);
  const files: { file: string; metas: CheckMeta[] }[] = [];
  for (const file of probeFiles(gateway)) {
    const metas = checksOf(await probeTree(file)).flatMap((c) => (c.meta ? [c.meta] : []));
    if (metas.length === 0) continue;
    if (!order.includes(areaOf(file)))
      throw new Error(
        `${file}: add "${areaOf(file)}" to ${gatewayModel(gateway).locations.probes}/catalogue-order.ts`,
      );
    files.push({ file, metas: [...metas].sort((a, b) => a.id.localeCompare(b.id)) });
  }
  files.sort((a, b) => order.indexOf(areaOf(a.file)) - order.indexOf(areaOf(b.file)));
  return files.flatMap(({ file, metas }) => metas.map((meta) => ({ file, meta })));
}

/** The catalogue entry a call site declares: its metadata without the faults, fields in the order written. */
export function entryOf(meta: CheckMeta): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...meta };
  for (const field of FAULT_FIELDS) delete entry[field];
  return entry;
}

/** The folder of a gateway's probes catalogue (its main file's), ending in a separator. */
export function catalogueFolder(gateway: Gateway): string {
  return dirname(catalogueFiles(gateway)[0]) + sep;
}

/** The part a check belongs in: `<gateway>.<capability>.json` when that part exists, else `<gateway>.json`. */
function partOf(gateway: Gateway, meta: CheckMeta): string {
  const part = meta.capability && `${gateway}.${meta.capability}.json`;
  return part && existsSync(catalogueFolder(gateway) + part) ? part : `${gateway}.json`;
}

/** Which probe file declares each check, generated ones included, in declaration order (src/engine/check-files.ts):
 * every probe file of the gateway, so a narrow run knows which of them it may leave unloaded. */
async function sourcesRecord(gateway: Gateway): Promise<CheckSources> {
  const files: Record<string, string[]> = {};
  for (const file of probeFiles(gateway))
    files[sourceKey(file)] = checksOf(await probeTree(file)).map((c) => c.id);
  return { gateway, files };
}

/** The record as JSON laid out the way biome formats it (a file's IDs on one line when they fit in 110 columns). */
function sourcesText(record: CheckSources): string {
  const files = Object.entries(record.files).map(([key, ids]) => {
    const lead = `    ${JSON.stringify(key)}: `;
    const flat = `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
    const list =
      lead.length + flat.length + 1 <= 110
        ? flat
        : `[\n${ids.map((id) => `      ${JSON.stringify(id)}`).join(',\n')}\n    ]`;
    return lead + list;
  });
  return `{\n  "gateway": ${JSON.stringify(record.gateway)},\n  "files": {\n${files.join(',\n')}\n  }\n}\n`;
}

/**
 * Every catalogue part of a gateway (file name → JSON text) as the probe files' call sites generate it, and the
 * record of which probe file declares each check (`sources/<main>.json`, beside the parts: not a part itself).
 */
export async function generatedCatalogue(gateway: Gateway): Promise<Map<string, string>> {
  const checks = await declaredChecks(gateway);
  const parts = new Map<string, Catalogue>();
  const partFile = (name: string) => {
    let part = parts.get(name);
    if (!part) {
      const kept = JSON.parse(readFileSync(catalogueFolder(gateway) + name, 'utf8')) as Catalogue;
      part = { ...kept, checks: [] };
      parts.set(name, part);
    }
    return part;
  };
  for (const file of catalogueFiles(gateway)) partFile(basename(file));
  for (const { meta } of checks) partFile(partOf(gateway, meta)).checks.push(entryOf(meta) as never);
  const out = new Map<string, string>();
  for (const [name, part] of parts) out.set(name, `${JSON.stringify(part, null, 2)}\n`);
  const sources = relative(catalogueFolder(gateway), sourcesPath(gateway)).split(sep).join('/');
  out.set(sources, sourcesText(await sourcesRecord(gateway)));
  return out;
}
