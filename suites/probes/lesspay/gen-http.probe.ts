import { probes } from '../../../src/engine/probe-file.js';
import { generatedChecks } from '../../../src/generate/checks.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "http"): IDs LP-GEN-….
export default probes('lesspay · generated · http', (p) => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'http')) p.generated(id, fn);
});
