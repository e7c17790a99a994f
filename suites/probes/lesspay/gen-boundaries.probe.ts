import { generatedChecks, probes } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "boundaries"): IDs LP-GEN-….
export default probes('lesspay · generated · boundaries', (p) => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'boundaries')) p.generated(id, fn);
});
