import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Gateway } from '../core/results.js';
import { contractFile } from './contract.js';

// contracts/ holds the pact files the consumer tests generate. They are committed so `paycert verify` works without
// a broker; a consumer test fails when what it generates differs from what is committed.

export const UPDATE_ENV = 'PAYCERT_UPDATE_CONTRACTS';

/** The pact without what changes between runs or library versions: the generator versions in `metadata`. */
export function normalisePact(pact: Record<string, any>): Record<string, any> {
  const copy = structuredClone(pact);
  if (copy.metadata) {
    delete copy.metadata['pact-js'];
    delete copy.metadata.pactRust;
  }
  return sortKeys(copy) as Record<string, any>;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export interface Comparison {
  same: boolean;
  /** Set when the committed file was (re)written because UPDATE_ENV is set. */
  updated: boolean;
  committedPath: string;
  /** First differing line of the normalised JSON texts. */
  firstDifference?: string;
}

/**
 * Compares a freshly generated pact with the committed one. With PAYCERT_UPDATE_CONTRACTS=1 the generated pact
 * replaces the committed one instead (run the consumer tests that way after changing an interaction).
 */
export function compareWithCommitted(gateway: Gateway, generatedPath: string): Comparison {
  const committedPath = contractFile(gateway);
  const generated = normalisePact(JSON.parse(readFileSync(generatedPath, 'utf8')));
  const text = `${JSON.stringify(generated, null, 2)}\n`;
  if (process.env[UPDATE_ENV] === '1') {
    mkdirSync(dirname(committedPath), { recursive: true });
    writeFileSync(committedPath, text);
    return { same: true, updated: true, committedPath };
  }
  if (!existsSync(committedPath))
    return { same: false, updated: false, committedPath, firstDifference: '(no committed contract)' };
  const committed = `${JSON.stringify(normalisePact(JSON.parse(readFileSync(committedPath, 'utf8'))), null, 2)}\n`;
  if (committed === text) return { same: true, updated: false, committedPath };
  const a = committed.split('\n');
  const b = text.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return {
    same: false,
    updated: false,
    committedPath,
    firstDifference: `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '')}, generated ${JSON.stringify(b[at] ?? '')}`,
  };
}
