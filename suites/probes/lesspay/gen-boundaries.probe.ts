import { check, generatedChecks } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "boundaries"): IDs LP-GEN-….
describe('lesspay · generated · boundaries', () => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'boundaries')) check(id, fn);
});
