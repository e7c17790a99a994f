// Where the config file is: found without loading its parser, so a run without a config file pays nothing for it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';

export const CONFIG_FILE = 'paycert.config.json';

/** The path of the config file to read: `--config FILE`, else paycert.config.json in the working directory, else none. */
export function configPath(flag: string | undefined, cwd = process.cwd()): string | undefined {
  if (flag) {
    const path = resolve(cwd, flag);
    if (!existsSync(path)) throw new UsageError(`--config ${flag}: no such file`);
    return path;
  }
  const found = resolve(cwd, CONFIG_FILE);
  return existsSync(found) ? found : undefined;
}
