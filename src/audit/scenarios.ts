import type { Gateway } from '../core/results.js';
import type { Injected, Recorded } from './recorder.js';

// `paycert audit --scenario NAME`: the recording front answers one chosen request itself with a documented failure,
// so the integrator's tests meet it, and the scenario's client checks judge what the client did next. Scenarios are
// data: which request they answer (the first to one of `paths`), the answer, and the checks that judge the sequel.

export interface Scenario {
  name: string;
  gateway: Gateway;
  description: string;
  /** The first request to one of these paths (no query) gets the answer; later ones go to the upstream. */
  paths: readonly string[];
  answer: Omit<Injected, 'scenario'>;
  /** Client checks that judge the client's next move; they run only when this scenario is selected. */
  checks: readonly string[];
  /**
   * Sandbox policies the bundled mock starts with (an order that settles by itself, a review that rejects): such a
   * scenario changes how the gateway behaves, not one answer, so it needs the bundled mock (refused with --target).
   */
  mockPolicies?: Readonly<Record<string, unknown>>;
}

/** How long a `hold` scenario withholds its answer when `--scenario-hold` does not say (ms). */
export const DEFAULT_HOLD_MS = 30_000;

const LESSPAY_CREATES = ['/api/global/v1/pay/create-order', '/api/global/payout/create-order'];
const PAYLOCO_PAYS = ['/v1/payments/open/api/pay', '/v2/payments/open/api/pay'];
// Neither gateway documents a 5xx body; a plain-text one is what a load balancer in front of a gateway sends.
const text = { 'content-type': 'text/plain' };

export const scenarios: readonly Scenario[] = [
  {
    name: 'create-500',
    gateway: 'lesspay',
    description: 'the first create-order gets HTTP 500 (the order may or may not exist)',
    paths: LESSPAY_CREATES,
    answer: { status: 500, headers: text, body: 'Internal Server Error\n' },
    checks: ['LPC-RTY-001'],
  },
  {
    name: 'create-503-retry-after',
    gateway: 'lesspay',
    description: 'the first create-order gets HTTP 503 with Retry-After: 1',
    paths: LESSPAY_CREATES,
    answer: { status: 503, headers: { ...text, 'retry-after': '1' }, body: 'Service Unavailable\n' },
    checks: ['LPC-RTY-001', 'LPC-RTY-002'],
  },
  {
    name: 'pay-500',
    gateway: 'payloco',
    description: 'the first pay gets HTTP 500 (the order may or may not exist)',
    paths: PAYLOCO_PAYS,
    answer: { status: 500, headers: text, body: 'Internal Server Error\n' },
    checks: ['PLC-RTY-001'],
  },
  {
    name: 'pay-503-retry-after',
    gateway: 'payloco',
    description: 'the first pay gets HTTP 503 with Retry-After: 1',
    paths: PAYLOCO_PAYS,
    answer: { status: 503, headers: { ...text, 'retry-after': '1' }, body: 'Service Unavailable\n' },
    checks: ['PLC-RTY-001', 'PLC-RTY-002'],
  },
];

export function scenarioNames(gateway: Gateway): string[] {
  return scenarios.filter((s) => s.gateway === gateway).map((s) => s.name);
}

export function scenarioOf(gateway: Gateway, name: string): Scenario | undefined {
  return scenarios.find((s) => s.gateway === gateway && s.name === name);
}

/** Check IDs that judge a scenario's sequel: without that scenario they are left out of the run. */
export function scenarioChecks(gateway: Gateway): Set<string> {
  return new Set(scenarios.filter((s) => s.gateway === gateway).flatMap((s) => s.checks));
}

/** The recorder's injector for one scenario: answers the first matching request, once. */
export function injector(s: Scenario, holdMs = DEFAULT_HOLD_MS): (r: Recorded) => Injected | undefined {
  let fired = false;
  return (r) => {
    const path = r.path.split('?')[0]!;
    if (fired || !s.paths.includes(path)) return undefined;
    fired = true;
    return {
      scenario: s.name,
      ...s.answer,
      headers: { ...s.answer.headers },
      ...(s.answer.when === 'hold' ? { holdMs: s.answer.holdMs ?? holdMs } : {}),
    };
  };
}
