import { check, generatedChecks } from '../../../src/index.js';
import { lesspayKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate): IDs LP-GEN-<endpoint>-….
describe('lesspay · generated · fields', () => {
  for (const { id, fn } of generatedChecks('lesspay', lesspayKit, [
    'required',
    'one-of',
    'type',
    'max-length',
    'min-length',
    'minimum',
    'min-items',
    'amount',
    'url',
    'pattern',
    'enum',
    'format',
  ]))
    check(id, fn);
});
