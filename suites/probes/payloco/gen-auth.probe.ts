import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "auth"): IDs PL-GEN-….
describe('payloco · generated · auth', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'auth')) check(id, fn);
});
