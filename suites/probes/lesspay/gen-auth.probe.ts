import { generatedChecks, probes } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "auth"): IDs LP-GEN-….
export default probes('lesspay · generated · auth', (p) => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'auth')) p.generated(id, fn);
});
