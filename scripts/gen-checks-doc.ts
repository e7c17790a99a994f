import { mkdirSync, writeFileSync } from 'node:fs';
import { checksMarkdown } from '../src/checks-doc.js';

mkdirSync('docs', { recursive: true });
writeFileSync('docs/checks.md', checksMarkdown());
process.stdout.write('wrote docs/checks.md\n');
