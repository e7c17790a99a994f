import { main } from './cli/cli.js';
import { drained, tolerateClosedReader } from './cli/stdio.js';

// The process entry of `paycert`: bin/paycert.js loads the compiled copy, the project's tests this source under tsx.
tolerateClosedReader(process.stdout);
tolerateClosedReader(process.stderr);
const code = await main(process.argv.slice(2));
// Let piped stdout/stderr drain before exiting: CI logs must not lose the summary.
await drained(process.stdout);
await drained(process.stderr);
process.exit(code);
