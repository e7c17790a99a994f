import { probes } from '../../../src/engine/probe-file.js';
import { generatedChecks } from '../../../src/generate/checks.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "auth"): IDs LP-GEN-….
export default probes('lesspay · generated · auth', (p) => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'auth')) p.generated(id, fn);
});
