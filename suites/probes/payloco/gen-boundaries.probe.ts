import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate, group "boundaries"): IDs PL-GEN-….
describe('payloco · generated · boundaries', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, 'boundaries')) check(id, fn);
});
