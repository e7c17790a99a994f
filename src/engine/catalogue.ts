import { createHash } from 'node:crypto';
import { type CatalogueEntry, loadCatalogue } from '../core/catalogue.js';
import type { Gateway } from '../core/results.js';
import { gatewayModel, gatewayNames, gatewayOf as ownerOf } from '../gateways/index.js';

// The probes' catalogue as the engine looks checks up: by ID, their documentation URL, the MUST total a verdict
// needs and the hash that names the profile judged. Loading and validating is the core's (src/core/catalogue.ts);
// where each gateway's files are is its model's (src/gateways/).

export { type Catalogue, type CatalogueEntry, type Reading, readingsOf } from '../core/catalogue.js';

/** The shipped gateways (the registry's folders, src/gateways/). */
export const GATEWAYS: readonly Gateway[] = gatewayNames();

const byIdCache = new Map<Gateway, Map<string, CatalogueEntry>>();

function byId(gateway: Gateway): Map<string, CatalogueEntry> {
  let hit = byIdCache.get(gateway);
  if (!hit) {
    hit = new Map(catalogue(gateway).checks.map((e) => [e.id, e]));
    byIdCache.set(gateway, hit);
  }
  return hit;
}

/** The hand-written checks of a gateway (the catalogue JSON files), without the generated ones. */
export function handWritten(gateway: Gateway): CatalogueEntry[] {
  return catalogue(gateway).checks.filter((c) => c.family === undefined);
}

export function catalogue(gateway: Gateway) {
  return loadCatalogue('probes', gateway);
}

export function catalogueEntry(gateway: Gateway, id: string): CatalogueEntry {
  const entry = byId(gateway).get(id);
  if (!entry) {
    const { dir, main } = gatewayModel(gateway).locations.catalogue;
    throw new Error(`check ${id} is not in ${dir}/${main}.json`);
  }
  return entry;
}

export function specUrl(gateway: Gateway, entry: CatalogueEntry): string {
  return catalogue(gateway).docs[entry.spec.section];
}

/** Which gateway's catalogue holds a check ID (its owner by ID prefix, when it holds it), or undefined. */
export function catalogueOwner(id: string): Gateway | undefined {
  const gateway = ownerOf(id);
  return gateway !== undefined && byId(gateway).has(id) ? gateway : undefined;
}

/** The MUST checks of a gateway's whole catalogue: what a `certified` verdict must have judged. */
export function mustTotal(gateway: Gateway): number {
  return catalogue(gateway).checks.filter((c) => c.level === 'MUST').length;
}

/** SHA-256 of the checks a gateway's catalogue holds (ID, level, reading, capability): names the "whole profile" a
 * verdict was judged against, so shards or bundles of different catalogues can be told apart. */
export function catalogueHash(gateway: Gateway): string {
  const rows = catalogue(gateway).checks.map((c) => [c.id, c.level, c.reading, c.capability ?? null]);
  return `sha256:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
}
