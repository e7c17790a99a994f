import { probes } from '../../../src/engine/probe-file.js';
import { generatedChecks } from '../../../src/generate/checks.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "boundaries"): IDs PL-GEN-….
export default probes('payloco · generated · boundaries', (p) => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'boundaries')) p.generated(id, fn);
});
