import { mkdirSync, writeFileSync } from 'node:fs';
import { checksMarkdown } from '../src/checks-doc.js';
import { writeSideCatalogues } from './gen-side-catalogues.js';

// The client and handler catalogues are generated from their checks' definitions first: the document lists them.
await writeSideCatalogues();
mkdirSync('docs', { recursive: true });
writeFileSync('docs/checks.md', checksMarkdown());
process.stdout.write('wrote docs/checks.md\n');
