import type { ScenarioModel } from '../model.js';
import { endpoints } from './endpoints.js';

// Lesspay's audit scenarios (`paycert audit lesspay --scenario NAME`): which request each answers, the documented
// failure it answers with, and the client checks that judge what the client did next. Data only; src/audit runs them.

const LESSPAY_PAYIN_CREATE = endpoints.createPayin.path;
const LESSPAY_CREATES = [LESSPAY_PAYIN_CREATE, endpoints.createPayout.path];
const LESSPAY_PAYOUT_CREATES = [endpoints.createPayout.path, endpoints.createBatchPayout.path];
// The docs document no 5xx body; a plain-text one is what a load balancer in front of a gateway sends.
const text = { 'content-type': 'text/plain' };

export const scenarios: readonly ScenarioModel[] = [
  {
    name: 'create-500',
    description: 'the first create-order gets HTTP 500 (the order may or may not exist)',
    paths: LESSPAY_CREATES,
    answer: { status: 500, headers: text, body: 'Internal Server Error\n' },
    checks: ['LPC-RTY-001'],
  },
  {
    name: 'create-503-retry-after',
    description: 'the first create-order gets HTTP 503 with Retry-After: 1',
    paths: LESSPAY_CREATES,
    answer: { status: 503, headers: { ...text, 'retry-after': '1' }, body: 'Service Unavailable\n' },
    checks: ['LPC-RTY-001', 'LPC-RTY-002'],
  },
  {
    name: 'duplicate-request-id',
    description:
      'the first pay-in create-order is created, but the client is told 1201 Duplicate Data Exists (lesspay.md §5.2)',
    paths: [LESSPAY_PAYIN_CREATE],
    answer: {
      when: 'after',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"code":1201,"msg":"Duplicate Data Exists","data":null}',
    },
    checks: ['LPC-DUP-001'],
  },
  {
    name: 'create-timeout',
    description:
      'the first create-order is created, but its answer never comes (HTTP 504 once --scenario-hold runs out)',
    paths: LESSPAY_CREATES,
    answer: { when: 'hold', status: 504, headers: text, body: 'Gateway Timeout\n' },
    checks: ['LPC-RTY-003'],
  },
  {
    name: 'pending-then-success',
    description:
      'every new pay-in stays PENDING_PAY for 1 s, then succeeds by itself (webhook sent as on a payment)',
    paths: [LESSPAY_PAYIN_CREATE],
    mockPolicies: { autoPayAfterMs: 1000 },
    checks: ['LPC-PND-001'],
  },
  {
    name: 'invalid-signature',
    description: 'the first create-order is refused as wrongly signed (HTTP 401, L2 envelope with code 5004)',
    paths: LESSPAY_CREATES,
    answer: {
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: '{"code":5004,"msg":"Permission Error: signature verification failed","data":null}',
    },
    repeatsForSameBody: true,
    checks: ['LPC-AUTH-003'],
  },
  {
    name: 'payout-rejected',
    description:
      'the operations review rejects every payout: FAILED, audit_state REJECTED, the payout webhook sent (30003)',
    paths: LESSPAY_PAYOUT_CREATES,
    mockPolicies: { rejectPayouts: true },
    checks: ['LPC-REJ-001'],
  },
];
