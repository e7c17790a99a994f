import type { ScenarioModel } from '../model.js';
import { endpoints } from './endpoints.js';

// Payloco's audit scenarios (`paycert audit payloco --scenario NAME`): which request each answers, the documented
// failure it answers with, and the client checks that judge what the client did next. Data only; src/audit runs them.

const PAYLOCO_PAYS = [endpoints.pay.path, endpoints.payV2.path];
// The docs document no 5xx body; a plain-text one is what a load balancer in front of a gateway sends.
const text = { 'content-type': 'text/plain' };
const json = { 'content-type': 'application/json' };

/** A Payloco failure in the P2 envelope, as the gateway answers it (traceId fixed: the answer is sent once). */
function paylocoFailure(code: string, message: string, errorDetail?: string): string {
  const data = errorDetail ? { status: 'FAILED', errorDetail } : { status: 'FAILED' };
  return JSON.stringify({ code, message, traceId: 'paycert-scenario-0001', data });
}

export const scenarios: readonly ScenarioModel[] = [
  {
    name: 'pay-500',
    description: 'the first pay gets HTTP 500 (the order may or may not exist)',
    paths: PAYLOCO_PAYS,
    answer: { status: 500, headers: text, body: 'Internal Server Error\n' },
    checks: ['PLC-RTY-001'],
  },
  {
    name: 'pay-503-retry-after',
    description: 'the first pay gets HTTP 503 with Retry-After: 1',
    paths: PAYLOCO_PAYS,
    answer: { status: 503, headers: { ...text, 'retry-after': '1' }, body: 'Service Unavailable\n' },
    checks: ['PLC-RTY-001', 'PLC-RTY-002'],
  },
  {
    name: 'duplicate-order',
    description:
      "the first pay creates the order, but the client is told its merchantOrderId is a duplicate (the mock's code 22070041)",
    paths: PAYLOCO_PAYS,
    // The docs name no duplicate code: 22070041 is the bundled mock's (mocks/payloco/codes.ts), in the P2 envelope.
    // Unsigned: the front holds no platform key (a sandbox's is not ours), and P6 judges a response signature only
    // when one is present; a client that demands one on every answer meets a forged-looking answer here.
    answer: {
      when: 'after',
      status: 200,
      headers: json,
      body: paylocoFailure('22070041', 'Duplicate merchantOrderId', 'the merchantOrderId already exists'),
    },
    checks: ['PLC-DUP-001'],
  },
  {
    name: 'invalid-signature',
    description: "the first pay is refused as wrongly signed (the mock's code 11000001); nothing is created",
    paths: PAYLOCO_PAYS,
    // Unsigned, as the gateway sends it: it signs only answers to requests whose signature verified (P6).
    answer: {
      status: 200,
      headers: json,
      body: paylocoFailure('11000001', 'Signature verification failed'),
    },
    checks: ['PLC-SIG-002'],
  },
  {
    name: 'pending-then-success',
    description:
      'every active QR (payMode QRCODE) is PENDING (00000003), then paid by itself after 1 s, with its webhook',
    paths: PAYLOCO_PAYS,
    mockPolicies: { autoPayAfterMs: 1000 },
    checks: ['PLC-PND-001'],
  },
  {
    name: 'pay-timeout',
    description:
      'the first pay creates the order, but no answer comes until the client gives up (or --scenario-hold passes: HTTP 504)',
    paths: PAYLOCO_PAYS,
    answer: { when: 'hold', status: 504, headers: text, body: 'Gateway Timeout\n' },
    checks: ['PLC-RTY-003'],
  },
];
