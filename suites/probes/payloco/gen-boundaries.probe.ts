import { generatedChecks, probes } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "boundaries"): IDs PL-GEN-….
export default probes('payloco · generated · boundaries', (p) => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'boundaries')) p.generated(id, fn);
});
