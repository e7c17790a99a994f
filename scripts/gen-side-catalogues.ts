import { writeFileSync } from 'node:fs';
import { clientArtefacts, handlerArtefacts } from './side-catalogues.js';

/** Writes the client and handler catalogues and the examples' fault expectations from the checks' definitions. */
export async function writeSideCatalogues(): Promise<void> {
  for (const { file, text } of [...(await clientArtefacts()), ...(await handlerArtefacts())]) {
    writeFileSync(new URL(`../${file}`, import.meta.url), text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
