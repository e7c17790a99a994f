import { createRequire } from 'node:module';
import { UsageError } from './errors.js';

// Packages only one command needs (Pact's native core for `verify`, a browser for a browser driver) are optional
// peer dependencies: `npm i paycert` stays small, and the command that needs one loads it when it runs.

function isMissing(err: unknown, name: string): boolean {
  const e = err as NodeJS.ErrnoException;
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') &&
    String(e.message).includes(`'${name}'`)
  );
}

/** Imports an optional package; when it is not installed, a one-line usage error naming what to install. */
export async function importOptional<T = any>(name: string, neededBy: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (err) {
    if (isMissing(err, name)) throw new UsageError(`${neededBy} needs the package ${name}: npm i ${name}`);
    throw err;
  }
}

/** Checks that an optional package is installed without loading it: a command that needs it says so before it starts. */
export function ensureOptional(name: string, neededBy: string): void {
  try {
    createRequire(import.meta.url).resolve(name);
  } catch {
    throw new UsageError(`${neededBy} needs the package ${name}: npm i ${name}`);
  }
}
