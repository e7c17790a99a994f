import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate): IDs PL-GEN-<endpoint>-….
describe('payloco · generated · http', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, [
    'method',
    'unknown-path',
    'content-type',
    'envelope',
  ]))
    check(id, fn);
});
