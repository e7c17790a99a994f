#!/usr/bin/env node
// The compiled CLI (dist/, emitted by `npm run build`, which `npm ci` runs as `prepare`); plain node, no TypeScript.
import module from 'node:module';

// Node 22.1+ caches the compiled code of every module it loads (ours and the dependencies') between runs: about a
// third of a short run's start-up is compiling the same JavaScript again. Older Node has no such cache: a no-op.
module.enableCompileCache?.();
try {
  await import('../dist/src/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/src/main.js')) throw err;
  process.stderr.write('paycert: not built: run `npm run build` in the paycert checkout\n');
  process.exit(2);
}
