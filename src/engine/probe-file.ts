import { pathToFileURL } from 'node:url';
import type { CheckContext } from './context.js';

// A probe file reads as a mocha file (`describe` blocks holding `check()` calls). It is imported once per process and
// its blocks are recorded as a tree; every run then walks that tree (src/engine/runner.ts), so a long-lived process
// (the self-test, the benchmark) never re-imports a module per run, and the engine needs no test framework.

export type ProbeFn = (t: CheckContext) => Promise<void>;

export interface ProbeBlock {
  title: string;
  checks: { id: string; fn: ProbeFn }[];
  blocks: ProbeBlock[];
}

// The block being recorded lives on globalThis, not in this module: a test runner that loads the harness through
// require() and the probe files through import() ends up with two copies of this module, which must agree.
const SLOT = Symbol.for('paycert.probe-file.recording');
const slot = globalThis as { [SLOT]?: ProbeBlock };

/** Called by `check()`: records the check in the block being imported. */
export function recordCheck(id: string, fn: ProbeFn): void {
  const block = slot[SLOT];
  if (!block) throw new Error(`check ${id} is declared outside a probe file being loaded by paycert`);
  block.checks.push({ id, fn });
}

const loaded = new Map<string, Promise<ProbeBlock>>();
let queue: Promise<unknown> = Promise.resolve();

async function capture(file: string): Promise<ProbeBlock> {
  const root: ProbeBlock = { title: '', checks: [], blocks: [] };
  const g = globalThis as { describe?: unknown };
  const previous = g.describe;
  // The file's top-level `describe` calls run while it is evaluated; they are recorded, not registered.
  g.describe = (title: string, body: () => void) => {
    const parent = slot[SLOT]!;
    const block: ProbeBlock = { title, checks: [], blocks: [] };
    parent.blocks.push(block);
    slot[SLOT] = block;
    try {
      body();
    } finally {
      slot[SLOT] = parent;
    }
  };
  slot[SLOT] = root;
  try {
    await import(pathToFileURL(file).href);
  } finally {
    slot[SLOT] = undefined;
    g.describe = previous;
  }
  return root;
}

/** The recorded tree of a probe file; files are imported one at a time, since recording swaps a global. */
export function probeTree(file: string): Promise<ProbeBlock> {
  let hit = loaded.get(file);
  if (!hit) {
    hit = queue.then(() => capture(file));
    queue = hit.catch(() => {});
    loaded.set(file, hit);
  }
  return hit;
}
