import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate): IDs PL-GEN-<endpoint>-….
describe('payloco · generated · auth', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, ['auth', 'signing'])) check(id, fn);
});
