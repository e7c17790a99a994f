import { check, generatedChecks } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "auth"): IDs LP-GEN-….
describe('lesspay · generated · auth', () => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, 'auth')) check(id, fn);
});
