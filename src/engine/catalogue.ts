import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { compiled, dataDir } from '../core/paths.js';
import type { Gateway, Level } from '../core/results.js';
import { validate } from '../core/schema-registry.js';
import { dataFolder, gatewayModel, gatewayNames, gatewayOf as ownerOf } from '../gateways/index.js';
import { generatedCases } from '../generate/cases.js';

export interface CatalogueEntry {
  id: string;
  title: string;
  level: Level;
  reading: string;
  endpoint: string;
  capability?: string;
  /** The one clause of the reading the check enforces (one line), where the reading's quote alone would not say it. */
  clause?: string;
  /** `quote` is never in the files: the loader resolves it from the clause, or else the reading's quote. */
  spec: { section: string; quote?: string };
  note?: string;
  /** Set on checks generated from the request schemas (src/generate): their rule family. */
  family?: string;
}

/** A reading of the profile, named once: its title, its quote and its anchor in docs/profile.md. */
export interface Reading {
  title: string;
  anchor: string;
  quote: string;
}

export interface Catalogue {
  gateway: Gateway;
  readings: Record<string, Reading>;
  docs: Record<string, string>;
  checks: CatalogueEntry[];
}

/** The shipped gateways (the registry's folders, src/gateways/). */
export const GATEWAYS: readonly Gateway[] = gatewayNames();

/** The folder of the shipped gateways' catalogues (each model names its own: locations.catalogue). */
export const catalogueDir = dataDir('suites/catalogue');

const cache = new Map<Gateway, { catalogue: Catalogue; byId: Map<string, CatalogueEntry> }>();

/** The hand-written checks of a gateway (the catalogue JSON files), without the generated ones. */
export function handWritten(gateway: Gateway): CatalogueEntry[] {
  return catalogue(gateway).checks.filter((c) => c.family === undefined);
}

/** `<main>.json` first, then `<main>.<area>.json` parts (e.g. webhooks), merged in name order; where and which
 * files is the gateway model's data (its locations). */
export function catalogueFiles(gateway: Gateway): string[] {
  const { dir, main } = gatewayModel(gateway).locations.catalogue;
  const folder = dataFolder(dir);
  const parts = readdirSync(folder)
    .filter((f) => f.startsWith(`${main}.`) && f.endsWith('.json') && f !== `${main}.json`)
    .sort();
  return [`${main}.json`, ...parts].map((f) => folder + f);
}

function load(gateway: Gateway) {
  let hit = cache.get(gateway);
  if (!hit) {
    const catalogue: Catalogue = { gateway, readings: {}, docs: {}, checks: [] };
    for (const file of catalogueFiles(gateway)) {
      const part = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
      // The catalogue is package data: it is validated where it is edited (from the sources: the project's tests,
      // the generators). The compiled package ships it as built, so a run skips the ~25 ms its validator takes.
      if (!compiled) {
        const { valid, problems } = validate('paycert/catalogue.schema.json', part);
        if (!valid) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
      }
      if (part.gateway !== gateway) throw new Error(`${file}: gateway must be ${gateway}`);
      Object.assign(catalogue.readings, part.readings);
      Object.assign(catalogue.docs, part.docs);
      catalogue.checks.push(...part.checks);
    }
    // The checks derived from the request schemas follow the hand-written ones; they are data too, computed.
    Object.assign(catalogue.docs, gatewayModel(gateway).extraDocs);
    catalogue.checks.push(...generatedCases(gateway).map((c) => c.entry));
    catalogue.checks = catalogue.checks.map((entry) => cited(catalogue.readings, entry, gateway));
    const byId = new Map<string, CatalogueEntry>();
    for (const entry of catalogue.checks) {
      if (byId.has(entry.id)) throw new Error(`catalogue of ${gateway}: duplicate check ID ${entry.id}`);
      if (!(entry.spec.section in catalogue.docs))
        throw new Error(`catalogue of ${gateway}: ${entry.id} cites unknown section`);
      byId.set(entry.id, entry);
    }
    hit = { catalogue, byId };
    cache.set(gateway, hit);
  }
  return hit;
}

/**
 * The entry as results show it: its quote resolved from its clause, or else from its reading. Throws when the
 * reading is not named in the gateway's catalogue (a check must cite a reading that exists).
 */
export function cited<T extends CatalogueEntry>(
  readings: Record<string, Reading>,
  entry: T,
  gateway: Gateway,
): T {
  const reading = readings[entry.reading];
  if (!reading)
    throw new Error(
      `catalogue of ${gateway}: ${entry.id} cites reading ${entry.reading}, which it does not name`,
    );
  return { ...entry, spec: { ...entry.spec, quote: entry.clause ?? reading.quote } };
}

/** The readings a gateway's checks cite (named once, in suites/catalogue/<gateway>.json). */
export function readingsOf(gateway: Gateway): Record<string, Reading> {
  return load(gateway).catalogue.readings;
}

export function catalogue(gateway: Gateway): Catalogue {
  return load(gateway).catalogue;
}

export function catalogueEntry(gateway: Gateway, id: string): CatalogueEntry {
  const entry = load(gateway).byId.get(id);
  if (!entry) {
    const { dir, main } = gatewayModel(gateway).locations.catalogue;
    throw new Error(`check ${id} is not in ${dir}/${main}.json`);
  }
  return entry;
}

export function specUrl(gateway: Gateway, entry: CatalogueEntry): string {
  return load(gateway).catalogue.docs[entry.spec.section];
}

/** Which gateway's catalogue holds a check ID (its owner by ID prefix, when it holds it), or undefined. */
export function catalogueOwner(id: string): Gateway | undefined {
  const gateway = ownerOf(id);
  return gateway !== undefined && load(gateway).byId.has(id) ? gateway : undefined;
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
