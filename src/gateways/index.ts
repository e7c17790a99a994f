import { readdirSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { type CatalogueKind, registerCatalogueLocator } from '../core/catalogue.js';
import { UsageError } from '../core/errors.js';
import { codeDir, dataDir } from '../core/paths.js';
import type { Gateway } from '../core/results.js';
import { gateway as lesspay } from './lesspay/index.js';
import type { GatewayModel } from './model.js';
import { gateway as payloco } from './payloco/index.js';

// The registry of gateway folders: the one place that lists the gateways paycert ships. Everything else asks it for
// a gateway's model (src/gateways/<name>/) instead of naming a gateway, so a gateway is added by adding a folder and
// its line here.

const SHIPPED: readonly GatewayModel[] = [lesspay, payloco];

/** Gateways added at run time by the project's own tests (test/gateways/): never by the shipped CLI. */
const added: GatewayModel[] = [];

/** Every registered gateway's model, the shipped ones first. */
export function gateways(): readonly GatewayModel[] {
  return [...SHIPPED, ...added];
}

/** The names of the registered gateways, in registry order. */
export function gatewayNames(): Gateway[] {
  return gateways().map((g) => g.name);
}

export function isGateway(name: string): name is Gateway {
  return gateways().some((g) => g.name === name);
}

/** The model of a registered gateway; an unknown name is a programming error here (arguments go through parseGateway). */
export function gatewayModel(name: Gateway): GatewayModel {
  const model = gateways().find((g) => g.name === name);
  if (!model) throw new Error(`no gateway "${name}" in the registry (src/gateways/index.ts)`);
  return model;
}

/** The gateway owning a check ID by its prefix (`LP-AUTH-001`, `PLH-…`), or undefined. */
export function gatewayOf(id: string): Gateway | undefined {
  const prefix = id.split('-', 1)[0];
  return gateways().find((g) => g.idPrefixes.includes(prefix))?.name;
}

/** "lesspay, payloco": the registered names as a usage message lists them, with `also` (e.g. "all") last. */
function choices(also?: string): string {
  const names: string[] = gatewayNames();
  if (also) names.push(also);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}

/** The one parser of a gateway argument: a registered name, or a usage error listing them. */
export function parseGateway(value: string): Gateway {
  if (isGateway(value)) return value;
  throw new UsageError(`unknown gateway "${value}": use ${choices()}`);
}

/** A gateway argument that may also be `all` (every registered gateway). */
export function parseGateways(value: string): Gateway[] {
  if (value === 'all') return gatewayNames();
  if (isGateway(value)) return [value];
  throw new UsageError(`unknown gateway "${value}": use ${choices('all')}`);
}

/**
 * Adds a gateway folder's model to the registry. For the project's tests only (a test-only gateway proves a gateway
 * is added by adding a folder); the CLI never calls it, so the shipped registry lists the shipped folders.
 */
export function registerGateway(model: GatewayModel): () => void {
  if (isGateway(model.name)) throw new Error(`gateway "${model.name}" is already registered`);
  const taken = gateways().flatMap((g) => g.idPrefixes);
  const clash = model.idPrefixes.find((p) => taken.includes(p));
  if (clash) throw new Error(`gateway "${model.name}": ID prefix ${clash} belongs to another gateway`);
  added.push(model);
  // Removes it again, so the tests after this one see the shipped registry.
  return () => {
    added.splice(added.indexOf(model), 1);
  };
}

export type {
  CredentialFlags,
  EndpointModel,
  GatewayModel,
  PactProvider,
  PactProviderContext,
  PactState,
} from './model.js';
export type {
  AuthMode,
  Credentials,
  GatewayAdapter,
  LesspayCredentials,
  PaylocoCredentials,
} from './types.js';

/** A gateway's folder of runnable modules (mock, probes), resolved where paycert runs (dist/ when compiled). */
export function codeFolder(path: string): string {
  return isAbsolute(path) ? join(path, sep) : codeDir(path);
}

/** A gateway's folder of data files (catalogues), resolved at the package root. */
export function dataFolder(path: string): string {
  return isAbsolute(path) ? join(path, sep) : dataDir(path);
}

/** The module (path without extension, where paycert runs) of a gateway's client rules or handler cases. */
export function checkModule(gateway: Gateway, side: 'client' | 'handler'): string {
  const where = gatewayModel(gateway).locations;
  const path = side === 'client' ? where.client?.rules : where.handler?.cases;
  if (!path) throw new Error(`gateway ${gateway} has no ${side} checks`);
  return codeFolder(path).slice(0, -1);
}

/** The module (path without extension, where paycert runs) of a gateway's pact provider states, or undefined. */
export function pactStatesModule(gateway: Gateway): string | undefined {
  const path = gatewayModel(gateway).locations.pact?.states;
  return path ? codeFolder(path).slice(0, -1) : undefined;
}

/** The catalogue files of a gateway of a kind, as its model locates them (the core's one loader reads them). */
function catalogueFilesOf(gateway: Gateway, kind: CatalogueKind): string[] {
  const { locations } = gatewayModel(gateway);
  if (kind === 'client' || kind === 'handler') {
    const file = locations[kind]?.catalogue;
    if (!file) throw new Error(`gateway ${gateway} has no ${kind} checks`);
    return [dataFolder(file).slice(0, -1)];
  }
  const { dir, main } = locations.catalogue;
  const folder = dataFolder(dir);
  const parts = readdirSync(folder)
    .filter((f) => f.startsWith(`${main}.`) && f.endsWith('.json') && f !== `${main}.json`)
    .sort();
  return [`${main}.json`, ...parts].map((f) => folder + f);
}

registerCatalogueLocator(catalogueFilesOf);
