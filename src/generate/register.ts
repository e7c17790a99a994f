import { registerComputedChecks } from '../core/catalogue.js';
import { generatedCases } from './cases.js';
import { EXTRA_DOCS } from './endpoints.js';

// Plugs the checks generated from the request schemas into the probes' catalogue: the core loads the catalogue and
// the engine runs it without knowing how these are made. Imported for this effect by every entry that loads the
// catalogue (the commands, the package entry, the docs generator); the loader refuses to load before it ran.

const GENERATED = {
  docs: (gateway: keyof typeof EXTRA_DOCS) => EXTRA_DOCS[gateway],
  checks: (gateway: keyof typeof EXTRA_DOCS) => generatedCases(gateway).map((c) => c.entry),
};

registerComputedChecks(GENERATED);
