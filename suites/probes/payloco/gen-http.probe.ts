import { generatedChecks, probes } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "http"): IDs PL-GEN-….
export default probes('payloco · generated · http', (p) => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'http')) p.generated(id, fn);
});
