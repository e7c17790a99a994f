import { ensureJsonObject, ensureSchema } from '../../../src/checks/response.js';
import { probes } from '../../../src/engine/probe-file.js';
import { voidAnswer } from './fixtures.js';
import { MISSHAPES_ENVELOPE } from './precondition-faults.js';

// preAuthVoid answers the seed's unified envelope, although its docs example has no data (P2: the seed wins).
export default probes('payloco · preAuthVoid', (p) => {
  p.check(
    {
      id: 'PL-VOID-001',
      title: 'a preAuthVoid answers the unified envelope',
      level: 'MUST',
      reading: 'P2',
      endpoint: 'pre-auth-void',
      capability: 'preauth',
      clause: '{ "code": "00000003", "message": "处理中", "traceId": "33fae7b7aed1233f" }',
      spec: { section: 'payloco pre-auth-reversal' },
      note: "The void example has no data; the seed's unified format (data.status required) wins (profile P2). The body is the docs example: it names no order.",
      killedBy: MISSHAPES_ENVELOPE,
    },
    async (t) => {
      ensureSchema(ensureJsonObject(await t.use(voidAnswer)), 'payloco/envelope.schema.json');
    },
  );
});
