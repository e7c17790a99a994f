import { readFileSync } from 'node:fs';
import { compiled } from './paths.js';
import type { Gateway, Level } from './results.js';
import { validate } from './schema-registry.js';

// The one loader of check catalogues (JSON data validated by paycert/catalogue.schema.json), whatever runs them: the
// probes of `run` (suites/catalogue/<gateway>.json and its parts, webhooks among them), the client checks of `audit`
// and `proxy` (suites/client/catalogue/) and the handler checks of `webhook-test` (suites/handler/catalogue/). Checks
// computed rather than written (the generated ones) join the probes' catalogue through a hook registered from above.

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

/** Which checks a catalogue holds: the target's probes, a client's checks, a webhook handler's checks. */
export type CatalogueKind = 'probes' | 'client' | 'handler';

/**
 * Where a gateway's catalogue of a kind is: the gateway registry's data (src/gateways/, one layer up), handed to the
 * core when the registry loads, so the core names no gateway and no folder of one. Probes: `<main>.json` first, then
 * `<main>.<area>.json` parts (e.g. webhooks), merged in name order. Client and handler checks: one file.
 */
export type CatalogueLocator = (gateway: Gateway, kind: CatalogueKind) => string[];

let locate: CatalogueLocator | undefined;

/** Called once by the gateway registry (src/gateways/index.ts) when it loads. */
export function registerCatalogueLocator(locator: CatalogueLocator): void {
  locate = locator;
}

/** The files of a gateway's catalogue of a kind, in merge order. */
export function catalogueFiles(gateway: Gateway, kind: CatalogueKind = 'probes'): string[] {
  if (!locate) throw new Error('the gateway registry is not loaded: import src/gateways/index.js first');
  return locate(gateway, kind);
}

/** Checks a catalogue gains at load without a file: the generated ones, registered by src/generate/. */
export interface ComputedChecks {
  docs(gateway: Gateway): Record<string, string>;
  checks(gateway: Gateway): CatalogueEntry[];
}

let computed: ComputedChecks | undefined;
const cache = new Map<string, Catalogue>();
const readingsCache = new Map<Gateway, Record<string, Reading>>();

/** Registers the checks the probes' catalogue computes (src/generate/register.ts, before any catalogue loads). */
export function registerComputedChecks(hook: ComputedChecks): void {
  computed = hook;
}

function readPart(file: string, gateway: Gateway, kind: CatalogueKind): Catalogue {
  const part = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
  // The probes' catalogue is package data: it is validated where it is edited (from the sources: the project's tests,
  // the generators). The compiled package ships it as built, so a run skips the ~25 ms its validator takes.
  if (!compiled || kind !== 'probes') {
    const { valid, problems } = validate('paycert/catalogue.schema.json', part);
    if (!valid) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  }
  if (part.gateway !== gateway) throw new Error(`${file}: gateway must be ${gateway}`);
  return part;
}

/** The readings a gateway's checks cite (named once, in the gateway's main probes catalogue). */
export function readingsOf(gateway: Gateway): Record<string, Reading> {
  let hit = readingsCache.get(gateway);
  if (!hit) {
    hit = {};
    for (const file of catalogueFiles(gateway))
      Object.assign(hit, readPart(file, gateway, 'probes').readings);
    readingsCache.set(gateway, hit);
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

/** A gateway's catalogue of one kind, loaded and validated once per process, every entry cited. */
export function loadCatalogue(kind: CatalogueKind, gateway: Gateway): Catalogue {
  const key = `${kind}:${gateway}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const catalogue: Catalogue = { gateway, readings: {}, docs: {}, checks: [] };
  for (const file of catalogueFiles(gateway, kind)) {
    const part = readPart(file, gateway, kind);
    Object.assign(catalogue.readings, part.readings);
    Object.assign(catalogue.docs, part.docs);
    catalogue.checks.push(...part.checks);
  }
  if (kind === 'probes') {
    // Without the generated checks the catalogue would judge a smaller profile (its MUST total and hash change).
    if (!computed)
      throw new Error('the generated checks are not registered: import src/generate/register.js first');
    // The checks derived from the request schemas follow the hand-written ones; they are data too, computed.
    Object.assign(catalogue.docs, computed.docs(gateway));
    catalogue.checks.push(...computed.checks(gateway));
  }
  const readings = kind === 'probes' ? catalogue.readings : readingsOf(gateway);
  catalogue.checks = catalogue.checks.map((entry) => cited(readings, entry, gateway));
  const ids = new Set<string>();
  for (const entry of catalogue.checks) {
    if (ids.has(entry.id)) throw new Error(`catalogue of ${gateway}: duplicate check ID ${entry.id}`);
    if (!(entry.spec.section in catalogue.docs))
      throw new Error(`catalogue of ${gateway}: ${entry.id} cites unknown section`);
    ids.add(entry.id);
  }
  cache.set(key, catalogue);
  return catalogue;
}
