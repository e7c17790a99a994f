import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The one module that knows where paycert's files are. paycert runs two ways: from TypeScript sources under tsx
// (the project's own tests: this file is src/core/paths.ts) and from compiled JavaScript with plain node (the installed
// package and the bin: dist/src/core/paths.js). Code paycert imports at run time (probe files, handler cases, mocks) is
// below the code root, two folders up from this module; data (catalogues, contracts, package.json) stays at the
// package root, which is the code root's parent when compiled.

const here = fileURLToPath(import.meta.url);

/** True when running compiled JavaScript from dist/, false under tsx from the sources. */
export const compiled = !here.endsWith('.ts');

/** The extension of paycert's own modules as they run: files imported by path must use it. */
export const codeExt = compiled ? '.js' : '.ts';

/** The folder holding src/, suites/ and mocks/ as they run: the repository root, or dist/ when compiled. */
export const codeRoot = dirname(dirname(dirname(here)));

/** The folder holding package.json, suites/catalogue/ and contracts/. */
export const packageRoot = compiled ? dirname(codeRoot) : codeRoot;

/** A folder of runnable modules (probe files, handler cases, mocks), with a trailing separator. */
export function codeDir(rel: string): string {
  return join(codeRoot, rel) + sep;
}

/** A folder of data files shipped with the package, with a trailing separator. */
export function dataDir(rel: string): string {
  return join(packageRoot, rel) + sep;
}

/**
 * The schemas come from the paycert-schemas package paycert depends on (in this repository an npm workspace, so it
 * resolves to schemas/); a checkout whose node_modules predates the workspace falls back to the folder itself.
 */
function findSchemasDir(): string {
  try {
    const manifest = createRequire(import.meta.url).resolve('paycert-schemas/package.json');
    return dirname(manifest) + sep;
  } catch {
    const local = dataDir('schemas');
    if (existsSync(local)) return local;
    throw new Error('paycert cannot find its schemas: the paycert-schemas package is not installed');
  }
}

export const schemasDir = findSchemasDir();
