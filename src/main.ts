import { main } from './cli/cli.js';

// The process entry of `paycert`: bin/paycert.js loads the compiled copy, the project's tests this source under tsx.
const code = await main(process.argv.slice(2));
// Let piped stdout/stderr drain before exiting: CI logs must not lose the summary.
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit(code);
