import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "fields"): IDs PL-GEN-….
describe('payloco · generated · fields', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'fields')) check(id, fn);
});
