import { mkdirSync, writeFileSync } from 'node:fs';
import { documentPath, documentText, OPENAPI_DIR } from './openapi/document.js';

// `npm run openapi`: writes schemas/openapi/<gateway>.openapi.json from the schemas and their corpus.
mkdirSync(OPENAPI_DIR, { recursive: true });
for (const gateway of ['lesspay', 'payloco'] as const) {
  writeFileSync(documentPath(gateway), documentText(gateway));
  console.log(`wrote ${documentPath(gateway)}`);
}
