#!/usr/bin/env node
// The compiled CLI (dist/, emitted by `npm run build`, which `npm ci` runs as `prepare`); plain node, no TypeScript.
try {
  await import('../dist/src/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/src/main.js')) throw err;
  process.stderr.write('paycert: not built: run `npm run build` in the paycert checkout\n');
  process.exit(2);
}
