import { check, generatedChecks } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "http"): IDs LP-GEN-….
describe('lesspay · generated · http', () => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'http')) check(id, fn);
});
