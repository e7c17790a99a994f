import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "http"): IDs PL-GEN-….
describe('payloco · generated · http', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'http')) check(id, fn);
});
