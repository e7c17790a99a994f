// The integrator's side, from its one source: each client rule (suites/client/<gw>.rules.ts) and webhook-handler case
// (suites/handler/<gw>.cases.ts) carries its catalogue entry and the faults that must fail it (`killedBy`). From them
// come the catalogue JSON the runners load and the exact lists of checks each example's fault fails, which the
// examples' tests assert. `npm run docs:checks` writes them; suites/{client,handler}/catalogue.spec.ts fail on drift.

import {
  lesspayFaults,
  lesspayScenarioFaults,
  paylocoFaults,
  paylocoScenarioFaults,
} from '../examples/merchant-client/client.js';
import { FAULTS as HANDLER_FAULTS } from '../examples/webhook-handler/handler.js';
import { ALT_FAULTS } from '../examples/webhook-handler-alt/handler.js';
import type { CheckDefinition } from '../src/core/check-definition.js';
import type { Gateway } from '../src/core/results.js';
import { mockModule } from '../src/engine/embedded.js';
import * as lesspayRules from '../suites/client/lesspay.rules.js';
import * as paylocoRules from '../suites/client/payloco.rules.js';
import * as lesspayCases from '../suites/handler/lesspay.cases.js';
import * as paylocoCases from '../suites/handler/payloco.cases.js';

const GATEWAYS = ['lesspay', 'payloco'] as const;

/** One generated file: its path from the repository root and its text. */
export interface Artefact {
  file: string;
  text: string;
}

interface Side {
  /** The suites folder: catalogue/<gw>.json is written there. */
  suite: string;
  /** The source file of a gateway's definitions, `<gw>` standing for the gateway. */
  source: string;
  definitions: (g: Gateway) => { docs: Record<string, string>; checks: CheckDefinition[] };
  /** The example whose faults plain names in killedBy are, and the one `alt:` names are (if any). */
  example: string;
  alt?: string;
  /** The fault names of each example, in the order its tests run them. */
  faults: (g: Gateway) => { plain: readonly string[]; alt: readonly string[] };
  /** One fault list serves both gateways: a fault must fail a check of one of them, not of each. */
  shared: boolean;
}

const CLIENT: Side = {
  suite: 'suites/client',
  source: 'suites/client/<gw>.rules.ts',
  shared: false,
  definitions: (g) => {
    const mod = g === 'lesspay' ? lesspayRules : paylocoRules;
    return { docs: mod.docs, checks: mod.rules.map((r) => r.check) };
  },
  example: 'examples/merchant-client',
  faults: (g) => ({
    plain:
      g === 'lesspay'
        ? [...lesspayFaults, ...Object.keys(lesspayScenarioFaults)]
        : [...paylocoFaults, ...Object.keys(paylocoScenarioFaults)],
    alt: [],
  }),
};

const HANDLER: Side = {
  suite: 'suites/handler',
  source: 'suites/handler/<gw>.cases.ts',
  // A handler's fault may concern one gateway only (v1-signing-only: Lesspay, no-replay-window: Payloco).
  shared: true,
  definitions: (g) => {
    const mod = g === 'lesspay' ? lesspayCases : paylocoCases;
    return { docs: mod.docs, checks: mod.cases.map((c) => c.check) };
  },
  example: 'examples/webhook-handler',
  alt: 'examples/webhook-handler-alt',
  faults: () => ({ plain: Object.keys(HANDLER_FAULTS), alt: Object.keys(ALT_FAULTS) }),
};

/**
 * JSON as the formatter (biome, 110 columns) prints it: objects open, an array of strings on one line when that line
 * fits (`lead` is how many characters stand before the value on its line).
 */
function printed(value: unknown, indent = '', lead = 0): string {
  if (Array.isArray(value)) {
    const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (lead + flat.length + 1 <= 110) return flat;
    return `[\n${value.map((v) => `${indent}  ${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => {
      const head = `${indent}  ${JSON.stringify(k)}: `;
      return head + printed(v, `${indent}  `, head.length);
    });
    return `{\n${inner.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** fault → the IDs it fails, in catalogue order, for the faults of one example (plain names, or `alt:` names). */
function expectations(checks: readonly CheckDefinition[], names: readonly string[], prefix: string) {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const ids = checks.filter((c) => c.killedBy.includes(prefix + name)).map((c) => c.id);
    if (ids.length) out[prefix === 'mock:' ? prefix + name : name] = ids;
  }
  return out;
}

async function sideArtefacts(side: Side): Promise<Artefact[]> {
  const out: Artefact[] = [];
  const expected: Record<string, Record<string, Record<string, string[]>>> = { plain: {}, alt: {} };
  const killedSomewhere = new Set<string>();
  const problems: string[] = [];
  for (const gateway of GATEWAYS) {
    const { docs, checks } = side.definitions(gateway);
    const { plain, alt } = side.faults(gateway);
    const mockFaults = Object.keys((await mockModule(gateway)).faults);
    const where = side.source.replace('<gw>', gateway);
    for (const c of checks) {
      if (!(c.spec.section in docs))
        problems.push(`${where}: ${c.id} cites section ${c.spec.section}, not in docs`);
      if (c.killedBy.length === 0) problems.push(`${where}: ${c.id} is killed by no fault`);
      for (const k of c.killedBy) {
        const [kind, name] = k.includes(':') ? k.split(':', 2) : ['', k];
        const known = kind === '' ? plain : kind === 'alt' ? alt : kind === 'mock' ? mockFaults : [];
        if (!known.includes(name!))
          problems.push(`${where}: ${c.id} is killed by ${k}, which is no such fault`);
      }
    }
    const killers = new Set(checks.flatMap((c) => c.killedBy));
    for (const f of [...plain, ...alt.map((a) => `alt:${a}`)])
      if (killers.has(f)) killedSomewhere.add(f);
      else if (!side.shared) problems.push(`fault ${f} of ${side.example} fails no ${gateway} check`);

    const entries = checks.map(({ killedBy: _, ...entry }) => entry);
    out.push({
      file: `${side.suite}/catalogue/${gateway}.json`,
      text: `${JSON.stringify({ gateway, docs, checks: entries }, null, 2)}\n`,
    });
    expected.plain![gateway] = {
      ...expectations(checks, plain, ''),
      ...expectations(checks, mockFaults, 'mock:'),
    };
    expected.alt![gateway] = expectations(checks, alt, 'alt:');
  }
  for (const gateway of GATEWAYS) {
    const { plain, alt } = side.faults(gateway);
    for (const f of [...plain, ...alt.map((a) => `alt:${a}`)])
      if (side.shared && !killedSomewhere.has(f)) problems.push(`fault ${f} fails no check of any gateway`);
  }
  if (problems.length) throw new Error([...new Set(problems)].join('; '));
  const note = (example: string) =>
    `Generated by npm run docs:checks from killedBy in ${side.source}: each fault of ${example} fails exactly these checks. Do not edit.`;
  out.push({
    file: `${side.example}/faults.expected.json`,
    text: `${printed({ $comment: note(side.example), ...expected.plain })}\n`,
  });
  if (side.alt)
    out.push({
      file: `${side.alt}/faults.expected.json`,
      text: `${printed({ $comment: note(side.alt), ...expected.alt })}\n`,
    });
  return out;
}

export const clientArtefacts = () => sideArtefacts(CLIENT);
export const handlerArtefacts = () => sideArtefacts(HANDLER);
