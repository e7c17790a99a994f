// The generated checks join the catalogue before anything loads it.
import '../src/generate/register.js';
import { writeFileSync } from 'node:fs';
import { allProbeFiles, catalogueTitle, probeSource, withTitles } from '../src/engine/probe-titles.js';

let changed = 0;
for (const file of allProbeFiles()) {
  const source = probeSource(file);
  const next = withTitles(source, catalogueTitle);
  if (next !== source) {
    writeFileSync(file, next);
    changed++;
  }
}
process.stdout.write(`check titles written above check calls: ${changed} probe files changed\n`);
