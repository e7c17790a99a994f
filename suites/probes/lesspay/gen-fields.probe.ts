import { check, generatedChecks } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "fields"): IDs LP-GEN-….
describe('lesspay · generated · fields', () => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'fields')) check(id, fn);
});
