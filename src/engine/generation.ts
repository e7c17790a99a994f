// The run's generation settings (seed and budget), in the engine because the run carries them, and apart from
// src/generate/property.ts so the published declarations that name them (the check context, the certify options) do
// not import fast-check's types, which resolve only under Node16+ module settings.

export interface Generation {
  /** The run's seed (printed in the report); each check derives its own from it. */
  seed: number;
  /** Inputs tried per generated check. */
  budget: number;
}

/** Inputs tried per generated check when --budget is not given. */
export const DEFAULT_BUDGET = 1;

/** A fresh 32-bit seed for a run that was given none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** The seed of one check: the run's seed mixed with the check ID (FNV-1a). */
export function checkSeed(runSeed: number, id: string): number {
  let h = 0x811c9dc5 ^ (runSeed >>> 0);
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}
