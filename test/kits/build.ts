import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** What `npm run build` writes, and what each is built from (tsconfig.build.json, which leaves out the specs;
 * schemas/build-validators.mjs). */
const OUTPUTS = [
  { output: 'dist/src/main.js', from: ['src', 'mocks', 'suites'], ending: '.ts' },
  { output: 'schemas/dist/validators.cjs', from: ['schemas'], ending: '.schema.json' },
];

function newestSource(dir: string, ending: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist')
        newest = Math.max(newest, newestSource(path, ending));
    } else if (entry.name.endsWith(ending) && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let current: boolean | undefined;

/** Whether the build is newer than the last edit of any source it is made from (`npm test` builds first). */
export function buildIsCurrent(): boolean {
  if (current === undefined) {
    try {
      current = OUTPUTS.every(({ output, from, ending }) => {
        const built = statSync(join(repo, output)).mtimeMs;
        return from.every((dir) => newestSource(join(repo, dir), ending) <= built);
      });
    } catch {
      current = false;
    }
  }
  return current;
}
