import { check, generatedChecks } from '../../../src/index.js';
import { paylocoKit } from './generated-kit.js';

// Checks generated from the request schemas and the profile (src/generate): IDs PL-GEN-<endpoint>-….
describe('payloco · generated · fields', () => {
  for (const { id, fn } of generatedChecks('payloco', paylocoKit, [
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
