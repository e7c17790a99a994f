import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate): IDs PL-GEN-<endpoint>-….
describe('payloco · generated · boundaries', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, [
    'at-max-length',
    'optional-absent',
    'non-ascii',
    'enum-value',
    'amount-spelling',
    'window',
  ]))
    check(id, fn);
});
