import type { Gateway } from '../../src/core/results.js';
import { declaredChecks } from '../../src/engine/check-sources.js';
import { mockModule } from '../../src/engine/embedded.js';
import type { Expectation } from './certify-mock.js';

// The hand-written checks' part of the self-test's expectations, test/selftest/<gateway>.expected.json, is generated
// from the probe files' call sites (npm run docs:checks): a fault must fail exactly the checks whose `killedBy` names
// it, may leave in error those whose `erroredBy` names it, and skips exactly those whose `skippedBy` names it.
// The generated checks' part (<gateway>.generated.expected.json) is recorded from runs (npm run selftest:generated).

export const expectedFile = (gateway: Gateway) => new URL(`./${gateway}.expected.json`, import.meta.url);

/** Every fault of the gateway's mock (in name order) with the checks the call sites expect it to fail, error, skip. */
export async function expectationsFromProbes(gateway: Gateway): Promise<Record<string, Expectation>> {
  const faults = Object.keys((await mockModule(gateway)).faults).sort();
  const out: Record<string, Expectation> = {};
  for (const fault of faults) out[fault] = { fails: [] };
  for (const { file, meta } of await declaredChecks(gateway)) {
    const lists = { fails: meta.killedBy, errors: meta.erroredBy ?? [], skips: meta.skippedBy ?? [] };
    for (const [key, names] of Object.entries(lists) as [keyof Expectation, string[]][]) {
      for (const fault of names) {
        const e = out[fault];
        if (!e)
          throw new Error(`${file}: ${meta.id} names "${fault}", which is no fault of mocks/${gateway}`);
        e[key] = [...(e[key] ?? []), meta.id];
      }
    }
  }
  return out;
}

/** JSON as biome formats it (objects expanded, short arrays on one line), so the generated file passes the lint. */
export function formatJson(value: unknown, indent = '', lead = 0): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    // `lead` is what precedes the array on its line; a comma may follow it.
    if (lead + flat.length + 1 <= 110 && value.every((v) => typeof v !== 'object' || v === null)) return flat;
    return `[\n${value.map((v) => `${inner}${formatJson(v, inner, inner.length)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const rows = entries.map(([k, v]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return `${key}${formatJson(v, inner, key.length)}`;
    });
    return `{\n${rows.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The text of test/selftest/<gateway>.expected.json as the call sites generate it. */
export async function expectedText(gateway: Gateway): Promise<string> {
  return `${formatJson(await expectationsFromProbes(gateway))}\n`;
}
