import { check, ensureJsonObject, ensureSchema } from '../../../src/index.js';
import { voidAnswer } from './fixtures.js';

// preAuthVoid answers the seed's unified envelope, although its docs example has no data (P2: the seed wins).
describe('payloco · preAuthVoid', () => {
  // check: a preAuthVoid answers the unified envelope
  check('PL-VOID-001', async (t) => {
    ensureSchema(ensureJsonObject(await t.use(voidAnswer)), 'payloco/envelope.schema.json');
  });
});
