import { check, generatedChecks } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate): IDs LP-GEN-<endpoint>-….
describe('lesspay · generated · boundaries', () => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, [
    'at-max-length',
    'optional-absent',
    'non-ascii',
    'enum-value',
    'amount-spelling',
    'window',
  ]))
    check(id, fn);
});
