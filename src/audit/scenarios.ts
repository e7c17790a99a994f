import type { Gateway } from '../core/results.js';
import { endpoints as lesspay } from '../gateways/lesspay/endpoints.js';
import { endpoints as payloco } from '../gateways/payloco/endpoints.js';
import type { Injected, Recorded } from './recorder.js';

// `paycert audit --scenario NAME`: the recording front answers one chosen request itself with a documented failure,
// so the integrator's tests meet it, and the scenario's client checks judge what the client did next. Scenarios are
// data: which request they answer (the first to one of `paths`), the answer, and the checks that judge the sequel.

export interface Scenario {
  name: string;
  gateway: Gateway;
  description: string;
  /**
   * The first request to one of these paths (no query) gets the answer; later ones go to the upstream. A scenario
   * without an answer (a mock policy) names the requests whose sequel its checks judge.
   */
  paths: readonly string[];
  answer?: Omit<Injected, 'scenario'>;
  /** Client checks that judge the client's next move; they run only when this scenario is selected. */
  checks: readonly string[];
  /**
   * Sandbox policies the bundled mock starts with (an order that settles by itself, a review that rejects): such a
   * scenario changes how the gateway behaves, not one answer, so it needs the bundled mock (refused with --target).
   */
  mockPolicies?: Readonly<Record<string, unknown>>;
  /**
   * The answer also goes to every later request to the same path with the identical body: a refusal a real gateway
   * would repeat (a wrong signature covers the body only, so resending it unchanged is refused again).
   */
  repeatsForSameBody?: boolean;
}

/** How long a `hold` scenario withholds its answer when `--scenario-hold` does not say (ms). */
export const DEFAULT_HOLD_MS = 30_000;

const LESSPAY_PAYIN_CREATE = lesspay.createPayin.path;
const LESSPAY_CREATES = [LESSPAY_PAYIN_CREATE, lesspay.createPayout.path];
const LESSPAY_PAYOUT_CREATES = [lesspay.createPayout.path, lesspay.createBatchPayout.path];
const PAYLOCO_PAYS = [payloco.pay.path, payloco.payV2.path];
// Neither gateway documents a 5xx body; a plain-text one is what a load balancer in front of a gateway sends.
const text = { 'content-type': 'text/plain' };
const json = { 'content-type': 'application/json' };

/** A Payloco failure in the P2 envelope, as the gateway answers it (traceId fixed: the answer is sent once). */
function paylocoFailure(code: string, message: string, errorDetail?: string): string {
  const data = errorDetail ? { status: 'FAILED', errorDetail } : { status: 'FAILED' };
  return JSON.stringify({ code, message, traceId: 'paycert-scenario-0001', data });
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'create-500',
    gateway: 'lesspay',
    description: 'the first create-order gets HTTP 500 (the order may or may not exist)',
    paths: LESSPAY_CREATES,
    answer: { status: 500, headers: text, body: 'Internal Server Error\n' },
    checks: ['LPC-RTY-001'],
  },
  {
    name: 'create-503-retry-after',
    gateway: 'lesspay',
    description: 'the first create-order gets HTTP 503 with Retry-After: 1',
    paths: LESSPAY_CREATES,
    answer: { status: 503, headers: { ...text, 'retry-after': '1' }, body: 'Service Unavailable\n' },
    checks: ['LPC-RTY-001', 'LPC-RTY-002'],
  },
  {
    name: 'duplicate-request-id',
    gateway: 'lesspay',
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
    gateway: 'lesspay',
    description:
      'the first create-order is created, but its answer never comes (HTTP 504 once --scenario-hold runs out)',
    paths: LESSPAY_CREATES,
    answer: { when: 'hold', status: 504, headers: text, body: 'Gateway Timeout\n' },
    checks: ['LPC-RTY-003'],
  },
  {
    name: 'pending-then-success',
    gateway: 'lesspay',
    description:
      'every new pay-in stays PENDING_PAY for 1 s, then succeeds by itself (webhook sent as on a payment)',
    paths: [LESSPAY_PAYIN_CREATE],
    mockPolicies: { autoPayAfterMs: 1000 },
    checks: ['LPC-PND-001'],
  },
  {
    name: 'invalid-signature',
    gateway: 'lesspay',
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
    gateway: 'lesspay',
    description:
      'the operations review rejects every payout: FAILED, audit_state REJECTED, the payout webhook sent (30003)',
    paths: LESSPAY_PAYOUT_CREATES,
    mockPolicies: { rejectPayouts: true },
    checks: ['LPC-REJ-001'],
  },
  {
    name: 'pay-500',
    gateway: 'payloco',
    description: 'the first pay gets HTTP 500 (the order may or may not exist)',
    paths: PAYLOCO_PAYS,
    answer: { status: 500, headers: text, body: 'Internal Server Error\n' },
    checks: ['PLC-RTY-001'],
  },
  {
    name: 'pay-503-retry-after',
    gateway: 'payloco',
    description: 'the first pay gets HTTP 503 with Retry-After: 1',
    paths: PAYLOCO_PAYS,
    answer: { status: 503, headers: { ...text, 'retry-after': '1' }, body: 'Service Unavailable\n' },
    checks: ['PLC-RTY-001', 'PLC-RTY-002'],
  },
  {
    name: 'duplicate-order',
    gateway: 'payloco',
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
    gateway: 'payloco',
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
    gateway: 'payloco',
    description:
      'every active QR (payMode QRCODE) is PENDING (00000003), then paid by itself after 1 s, with its webhook',
    paths: PAYLOCO_PAYS,
    mockPolicies: { autoPayAfterMs: 1000 },
    checks: ['PLC-PND-001'],
  },
  {
    name: 'pay-timeout',
    gateway: 'payloco',
    description:
      'the first pay creates the order, but no answer comes until the client gives up (or --scenario-hold passes: HTTP 504)',
    paths: PAYLOCO_PAYS,
    answer: { when: 'hold', status: 504, headers: text, body: 'Gateway Timeout\n' },
    checks: ['PLC-RTY-003'],
  },
];

export function scenarioNames(gateway: Gateway): string[] {
  return scenarios.filter((s) => s.gateway === gateway).map((s) => s.name);
}

export function scenarioOf(gateway: Gateway, name: string): Scenario | undefined {
  return scenarios.find((s) => s.gateway === gateway && s.name === name);
}

/** Check IDs that judge a scenario's sequel: without that scenario they are left out of the run. */
export function scenarioChecks(gateway: Gateway): Set<string> {
  return new Set(scenarios.filter((s) => s.gateway === gateway).flatMap((s) => s.checks));
}

/** The recorder's injector for one scenario: answers the first matching request, once (or its identical resends). */
export function injector(s: Scenario, holdMs = DEFAULT_HOLD_MS): (r: Recorded) => Injected | undefined {
  let first: Recorded | undefined;
  return (r) => {
    const path = r.path.split('?')[0]!;
    if (!s.answer || !s.paths.includes(path)) return undefined;
    const again =
      first !== undefined &&
      s.repeatsForSameBody === true &&
      path === first.path.split('?')[0] &&
      r.body.equals(first.body);
    if (first !== undefined && !again) return undefined;
    first ??= r;
    return {
      scenario: s.name,
      ...s.answer,
      headers: { ...s.answer.headers },
      ...(s.answer.when === 'hold' ? { holdMs: s.answer.holdMs ?? holdMs } : {}),
    };
  };
}
