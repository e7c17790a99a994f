import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeFolder, gatewayModel, gatewayOf } from '../gateways/index.js';
import { catalogueEntry, GATEWAYS } from './catalogue.js';

// A probe file names each check by ID only; the catalogue holds what the check means. So that a reader of a probe
// file sees the meaning too, each `check('ID', …)` call, and each row `['ID', …]` of a table of checks, has the
// catalogue's title in a comment line just above it.
// The comment is generated (`npm run probes:titles`) and a test fails when it drifts: the catalogue stays the source.

const MARK = '// check: ';
const CALL = /^([ \t]*)(?:check\(\s*|\[)'([A-Z]{2}-[A-Z0-9]+-[0-9]+)'/;

// A multi-line call puts the ID on the next line.
const idAt = (lines: string[], i: number) =>
  CALL.exec(`${lines[i]}${/check\($/.test(lines[i]) ? (lines[i + 1] ?? '') : ''}`);

/** `source` with the catalogue title above every check call or table row that names its ID literally. */
export function withTitles(source: string, titleOf: (id: string) => string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = idAt(lines, i);
    if (m) {
      const comment = `${m[1]}${MARK}${titleOf(m[2]).replace(/\s+/g, ' ')}`;
      if (out.length > 0 && out[out.length - 1].trimStart().startsWith(MARK)) out[out.length - 1] = comment;
      else out.push(comment);
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}

/** The check IDs a probe source names literally, in a check call or a table row, in order. */
export function literalIds(source: string): string[] {
  const lines = source.split('\n');
  return lines.flatMap((_, i) => {
    const m = idAt(lines, i);
    return m ? [m[2]] : [];
  });
}

export const catalogueTitle = (id: string) => catalogueEntry(gatewayOf(id) ?? '', id).title;

/** Every probe file (hand-written and generated), for the title comments. */
export function allProbeFiles(): string[] {
  return GATEWAYS.flatMap((g) => {
    const dir = codeFolder(gatewayModel(g).locations.probes);
    return readdirSync(dir)
      .filter((f) => /\.probe\.[cm]?[tj]s$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  });
}

export const probeSource = (file: string) => readFileSync(file, 'utf8');
