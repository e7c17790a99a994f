import { pathToFileURL } from 'node:url';
import type { CheckMeta } from '../core/check-definition.js';
import type { CheckContext } from './context.js';

// A probe file exports, as its default, the tree its `probes()` call builds: blocks with titles holding checks, each
// check written once with its metadata (test262 frontmatter, an OIDF condition's call). The engine imports the module
// once per process and walks that tree on every run (src/engine/runner.ts); the catalogue JSON files and the
// self-test's expectations are generated from the metadata (npm run docs:checks), so nothing here is registered
// through a global.

export type ProbeFn = (t: CheckContext) => Promise<void>;

// A hand-written check's metadata is the core's check definition (src/core/check-definition.ts), written the same
// way for probes, client rules and handler cases.
export { type CheckMeta, FAULT_FIELDS } from '../core/check-definition.js';

export interface ProbeCheck {
  id: string;
  fn: ProbeFn;
  /** Absent for a generated check: its metadata comes from the generator (src/generate). */
  meta?: CheckMeta;
}

export interface ProbeBlock {
  title: string;
  checks: ProbeCheck[];
  blocks: ProbeBlock[];
}

export interface ProbeBuilder {
  /** Declares one hand-written check: its metadata, then its code. */
  check(meta: CheckMeta, fn: ProbeFn): void;
  /** Declares a check generated from the request schemas, by the ID the generator gave it. */
  generated(id: string, fn: ProbeFn): void;
  /** An inner block of checks under its own title. */
  block(title: string, build: (p: ProbeBuilder) => void): void;
}

function buildBlock(title: string, build: (p: ProbeBuilder) => void): ProbeBlock {
  const block: ProbeBlock = { title, checks: [], blocks: [] };
  build({
    check: (meta, fn) => block.checks.push({ id: meta.id, fn, meta }),
    generated: (id, fn) => block.checks.push({ id, fn }),
    block: (inner, innerBuild) => block.blocks.push(buildBlock(inner, innerBuild)),
  });
  return block;
}

/** The checks of one probe file under its title; a probe file exports the result as its default. */
export function probes(title: string, build: (p: ProbeBuilder) => void): ProbeBlock {
  return buildBlock(title, build);
}

const isBlock = (x: unknown): x is ProbeBlock =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as ProbeBlock).title === 'string' &&
  Array.isArray((x as ProbeBlock).checks) &&
  Array.isArray((x as ProbeBlock).blocks);

const loaded = new Map<string, Promise<ProbeBlock>>();

async function load(file: string): Promise<ProbeBlock> {
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (!isBlock(module.default))
    throw new Error(`${file}: a probe file must export default probes('<title>', (p) => { … })`);
  return module.default;
}

/** The tree of a probe file (its top block), imported once per process. */
export function probeTree(file: string): Promise<ProbeBlock> {
  let hit = loaded.get(file);
  if (!hit) {
    hit = load(file);
    loaded.set(file, hit);
  }
  return hit;
}

/** Every check of a tree in declaration order: a block's checks, then its inner blocks'. */
export function checksOf(block: ProbeBlock): ProbeCheck[] {
  return [...block.checks, ...block.blocks.flatMap(checksOf)];
}
