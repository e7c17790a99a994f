import { registerComputedChecks } from '../core/catalogue.js';
import type { Gateway } from '../core/results.js';
import { gatewayModel } from '../gateways/index.js';
import { generatedCases } from './cases.js';

// Plugs the checks generated from the request schemas into the probes' catalogue: the core loads the catalogue and
// the engine runs it without knowing how these are made. Imported for this effect by every entry that loads the
// catalogue (the commands, the package entry, the docs generator); the loader refuses to load before it ran.

registerComputedChecks({
  // The documentation sections only generated checks cite (the gateway model's extra docs).
  docs: (gateway: Gateway) => ({ ...gatewayModel(gateway).extraDocs }),
  checks: (gateway: Gateway) => generatedCases(gateway).map((c) => c.entry),
});
