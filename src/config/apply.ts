// Precedence of a command's settings: command-line flags, then the environment, then the config file, then the
// defaults. Commander records where each option's value came from; a value from the file replaces only a default.
import type { Command } from 'commander';
import { configPath } from './find.js';
import type { Config, Section } from './load.js';

/** Options whose value can also come from an environment variable (each gateway model's credential flags): that
 * variable beats the file. */
async function envOf(): Promise<Record<string, string[]>> {
  const { gateways } = await import('../gateways/index.js');
  const out: Record<string, string[]> = {};
  for (const g of gateways())
    for (const [flag, name] of Object.entries(g.credentials.flagVars))
      out[flag] = [...(out[flag] ?? []), name];
  return out;
}

/** Where each gateway's secrets go instead of the config file, by the key a user might try (named in its message). */
async function secretHomes(): Promise<Record<string, string>> {
  const { gateways } = await import('../gateways/index.js');
  const variable = (flag: string) =>
    gateways()
      .map((g) => (g.credentials.flagVars as Readonly<Record<string, string | undefined>>)[flag])
      .find(Boolean);
  const homes: Record<string, string> = {};
  const add = (key: string, flag: string, home: (name: string) => string) => {
    const name = variable(flag);
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
  env: NodeJS.ProcessEnv = process.env,
): Promise<Extras> {
  const opts = cmd.opts() as Record<string, unknown>;
  const path = configPath(opts.config as string | undefined);
  if (!path) return {};
  const { loadConfig } = await import('./load.js');
  const config: Config = loadConfig(
    path,
    (opts.config as string | undefined) ?? 'paycert.config.json',
    await secretHomes(),
  );
  const values = config.options(section, gateway && gateway !== 'all' ? gateway : undefined);
  const extras: Extras = {};
  const ENV_OF = await envOf();
  for (const [key, value] of Object.entries(values)) {
    if (key === 'command') {
      extras.command = value as string[];
      continue;
    }
    const source = cmd.getOptionValueSource(key);
    if (source === 'cli' || source === 'env') continue;
    if ((ENV_OF[key] ?? []).some((name) => env[name])) continue;
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
export async function baseUrlsFromConfig(cmd: Command): Promise<Partial<Record<string, string>>> {
  const path = configPath(cmd.opts().config as string | undefined);
  if (!path) return {};
  const { loadConfig } = await import('./load.js');
  const config = loadConfig(
    path,
    (cmd.opts().config as string | undefined) ?? 'paycert.config.json',
    await secretHomes(),
  );
  const { gatewayNames } = await import('../gateways/index.js');
  const out: Partial<Record<string, string>> = {};
  for (const g of gatewayNames()) {
    const url = config.options('run', g).baseUrl;
    if (typeof url === 'string') out[g] = url;
  }
  return out;
}
