import type { Gateway } from '../core/results.js';
import { gateways } from '../gateways/index.js';
import type { ScenarioModel } from '../gateways/model.js';
import type { Injected, Recorded } from './recorder.js';

// `paycert audit --scenario NAME`: the recording front answers one chosen request itself with a documented failure,
// so the integrator's tests meet it, and the scenario's client checks judge what the client did next. Scenarios are
// data in each gateway's folder (its model's `scenarios`): which request they answer (the first to one of `paths`),
// the answer, and the checks that judge the sequel.

export interface Scenario extends ScenarioModel {
  gateway: Gateway;
}

/** How long a `hold` scenario withholds its answer when `--scenario-hold` does not say (ms). */
export const DEFAULT_HOLD_MS = 30_000;

/** Every registered gateway's scenarios, in registry order. */
export function scenarios(): Scenario[] {
  return gateways().flatMap((g) => (g.scenarios ?? []).map((s) => ({ ...s, gateway: g.name })));
}

export function scenarioNames(gateway: Gateway): string[] {
  return scenarios()
    .filter((s) => s.gateway === gateway)
    .map((s) => s.name);
}

export function scenarioOf(gateway: Gateway, name: string): Scenario | undefined {
  return scenarios().find((s) => s.gateway === gateway && s.name === name);
}

/** Check IDs that judge a scenario's sequel: without that scenario they are left out of the run. */
export function scenarioChecks(gateway: Gateway): Set<string> {
  return new Set(
    scenarios()
      .filter((s) => s.gateway === gateway)
      .flatMap((s) => s.checks),
  );
}

/** The recorder's injector for one scenario: answers the first matching request, once (or its identical resends). */
export function injector(s: Scenario, holdMs = DEFAULT_HOLD_MS): (r: Recorded) => Injected | undefined {
  let first: Recorded | undefined;
  return (r) => {
    const path = r.path.split('?')[0]!;
    if (!s.answer || !s.paths.includes(path)) return undefined;
    const again =
      first !== undefined &&
      s.repeatsForSameBody === true &&
      path === first.path.split('?')[0] &&
      r.body.equals(first.body);
    if (first !== undefined && !again) return undefined;
    first ??= r;
    return {
      scenario: s.name,
      ...s.answer,
      headers: { ...s.answer.headers },
      ...(s.answer.when === 'hold' ? { holdMs: s.answer.holdMs ?? holdMs } : {}),
    };
  };
}
