import { probes } from '../../../src/engine/probe-file.js';
import { generatedChecks } from '../../../src/generate/checks.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "fields"): IDs PL-GEN-….
export default probes('payloco · generated · fields', (p) => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'fields')) p.generated(id, fn);
});
