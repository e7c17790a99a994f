// The run's generation settings, apart from property.ts so the published declarations that name them (the check
// context, the certify options) do not import fast-check's types, which resolve only under Node16+ module settings.

export interface Generation {
  /** The run's seed (printed in the report); each check derives its own from it. */
  seed: number;
  /** Inputs tried per generated check. */
  budget: number;
}

/** Inputs tried per generated check when --budget is not given. */
export const DEFAULT_BUDGET = 1;
