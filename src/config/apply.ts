// Precedence of a command's settings: command-line flags, then the environment, then the config file, then the
// defaults. Commander records where each option's value came from; a value from the file replaces only a default.
import type { Command } from 'commander';
import { configPath } from './find.js';
import type { Config, Section } from './load.js';

/** Options whose value can also come from an environment variable (each gateway model's credential flags, with the
 * variables that stand for them): that variable beats the file. The CLI gives them from the gateway registry. */
export type FlagVars = Readonly<Record<string, readonly string[]>>;

/** What the config needs of the registered gateways: their names, and their credential flags' variables. The CLI
 * gives it from the gateway registry (the config room sits below the gateways). */
export interface ConfigGateways {
  names: readonly string[];
  flagVars: FlagVars;
}

/** Where each gateway's secrets go instead of the config file, by the key a user might try (named in its message). */
function secretHomes(flagVars: FlagVars): Record<string, string> {
  const homes: Record<string, string> = {};
  const add = (key: string, flag: string, home: (name: string) => string) => {
    const name = flagVars[flag]?.[0];
    if (name) homes[key] = home(name);
  };
  add('appSecret', 'appSecretFile', (v) => `${v} (or appSecretFile, a file holding it)`);
  add('webhookSecret', 'webhookSecretFile', (v) => `${v} (or webhookSecretFile, a file holding it)`);
  add('privateKeyPem', 'privateKey', (v) => `${v} (or privateKey, the path of the PEM file)`);
  add('privateKey', 'privateKey', (v) => `a path to the PEM file (or ${v})`);
  add('platformPublicKey', 'platformPublicKey', (v) => `a path to the PEM file (or ${v})`);
  return homes;
}

/** The part of a config that is not a flag: audit's client command. */
export interface Extras {
  command?: string[];
}

/**
 * Reads the config file (if any) and fills in every option the command line did not give and the environment does
 * not hold. Returns the config's extras (audit's command), or nothing when there is no config file.
 */
export async function applyConfig(
  cmd: Command,
  section: Section,
  gateway: string | undefined,
  gateways: ConfigGateways,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Extras> {
  const opts = cmd.opts() as Record<string, unknown>;
  const path = configPath(opts.config as string | undefined);
  if (!path) return {};
  const { loadConfig } = await import('./load.js');
  const config: Config = loadConfig(
    path,
    (opts.config as string | undefined) ?? 'paycert.config.json',
    secretHomes(gateways.flagVars),
  );
  const values = config.options(section, gateway && gateway !== 'all' ? gateway : undefined);
  const extras: Extras = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === 'command') {
      extras.command = value as string[];
      continue;
    }
    const source = cmd.getOptionValueSource(key);
    if (source === 'cli' || source === 'env') continue;
    if ((gateways.flagVars[key] ?? []).some((name) => env[name])) continue;
    // `only` is a comma-separated list on the command line: the file may give a list or the same string.
    const v =
      (key === 'only' || key === 'skip') && typeof value === 'string'
        ? value.split(',').filter(Boolean)
        : value;
    cmd.setOptionValueWithSource(key, v, 'config');
  }
  return extras;
}

/** Per-gateway base URLs of a run of every gateway: each gateway's own `run.baseUrl` in the file. */
export async function baseUrlsFromConfig(
  cmd: Command,
  gateways: ConfigGateways,
): Promise<Partial<Record<string, string>>> {
  const path = configPath(cmd.opts().config as string | undefined);
  if (!path) return {};
  const { loadConfig } = await import('./load.js');
  const config = loadConfig(
    path,
    (cmd.opts().config as string | undefined) ?? 'paycert.config.json',
    secretHomes(gateways.flagVars),
  );
  const out: Partial<Record<string, string>> = {};
  for (const g of gateways.names) {
    const url = config.options('run', g).baseUrl;
    if (typeof url === 'string') out[g] = url;
  }
  return out;
}
