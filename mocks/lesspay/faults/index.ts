import type { FaultInfo } from '../../contract.js';
import { authFaults } from './auth.js';
import { createFaults } from './create.js';
import { envelopeFaults } from './envelope.js';
import { paramFaults } from './params.js';
import { payoutFaults } from './payout.js';
import { queryFaults } from './query.js';
import { routingFaults } from './routing.js';
import { transportFaults } from './transport.js';
import type { Fault, FaultSet } from './types.js';
import { webhookFaults } from './webhooks.js';

function merge(...sets: FaultSet[]): FaultSet {
  const out: FaultSet = {};
  for (const set of sets)
    for (const [name, fault] of Object.entries(set)) {
      if (out[name]) throw new Error(`fault ${name} defined twice`);
      out[name] = fault;
    }
  return out;
}

export const FAULTS: FaultSet = merge(
  transportFaults,
  envelopeFaults,
  authFaults,
  routingFaults,
  paramFaults,
  createFaults,
  queryFaults,
  payoutFaults,
  webhookFaults,
);

/** The public, data-only view of the faults (what the CLI lists). */
export const faultInfo: Record<string, FaultInfo> = Object.freeze(
  Object.fromEntries(
    Object.entries(FAULTS).map(([name, f]) => [
      name,
      Object.freeze({ name, reading: f.reading, level: f.level, description: f.description }),
    ]),
  ),
);

export function faultByName(name: string): Fault {
  const f = FAULTS[name];
  if (!f) throw new Error(`unknown Lesspay fault "${name}"; known: ${Object.keys(FAULTS).join(', ')}`);
  return f;
}
