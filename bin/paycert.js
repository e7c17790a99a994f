#!/usr/bin/env node
// The package ships TypeScript sources; tsx compiles them on load so there is no stale build output.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
// Let piped stdout/stderr drain before exiting: CI logs must not lose the summary.
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit(code);
