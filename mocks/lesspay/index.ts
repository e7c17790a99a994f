import { type FaultInfo, type GatewayMock, withFlags } from '../contract.js';
import type { CashierShape, MockContext, Variant } from './context.js';
import { faultByName, faultInfo } from './faults/index.js';
import type { Fault } from './faults/types.js';
import { IdMaker } from './ids.js';
import { CONFORMANT } from './knobs.js';
import { Scheduler } from './scheduler.js';
import { listen } from './server.js';
import { Store } from './store.js';
import { WebhookSender } from './webhooks.js';

export interface LesspayMockOptions {
  host?: string;
  port?: number;
  variant?: (typeof variants)[number];
  fault?: string;
  appId?: string;
  appSecret?: string;
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** false: test payouts wait for a manual review that never comes (a sandbox may do that). Default true. */
  payoutsSettle?: boolean;
  /** false: payout callbacks are sent only when asked for with triggerNotify. Default true. */
  payoutCallbacks?: boolean;
  /** false: no POST /api/global/payout/triggerNotify (it is documented by the demo only). Default true. */
  triggerNotify?: boolean;
  /** Set: every new pay-in is paid by itself this many ms after it is created (an order that settles while polled). */
  autoPayAfterMs?: number;
  /** true: the operations review rejects every payout, whatever its amount. Default false. */
  rejectPayouts?: boolean;
  /**
   * 'manual': every payout waits in PENDING_CONFIRM until a person approves it, which the mock's test-only admin
   * endpoint stands in for (POST /_sandbox/payout/approve). Default 'auto'.
   */
  payoutReview?: 'auto' | 'manual';
}

export interface RunningMock {
  url: string;
  credentials: { appId: string; appSecret: string };
  /** The same, as a client signs with them (mocks/contract.ts). */
  clientCredentials: { appId: string; appSecret: string };
  close(): Promise<void>;
}

/**
 * Conformant variants: a and b take the open API choices either way; c, d and e are a's or b's API behind cashier
 * pages of other shapes (e needs a browser to pay).
 */
export const variants = ['a', 'b', 'c', 'd', 'e'] as const;

const VARIANT: Record<(typeof variants)[number], { api: Variant; cashier: CashierShape }> = {
  a: { api: 'a', cashier: 'buttons' },
  b: { api: 'b', cashier: 'buttons' },
  c: { api: 'a', cashier: 'select' },
  d: { api: 'b', cashier: 'card' },
  e: { api: 'a', cashier: 'script' },
};

/** Test-only credentials of the mock; never valid on a real gateway. */
export const TEST_CREDENTIALS: { appId: string; appSecret: string } = Object.freeze({
  appId: 'lp_test_app_0001',
  appSecret: 'lp_test_secret_Wy31kFZf4jkE',
});

/** Every fault variant: name → the reading it breaks, its level and a one-line description. */
export const faults: Readonly<Record<string, FaultInfo>> = faultInfo;

export const DEFAULT_RETRY_DELAYS_MS = [200, 1000, 3000];
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;

export async function startLesspayMock(opts: LesspayMockOptions = {}): Promise<RunningMock> {
  const chosen = VARIANT[opts.variant ?? 'a'];
  if (
    opts.autoPayAfterMs !== undefined &&
    !(Number.isFinite(opts.autoPayAfterMs) && opts.autoPayAfterMs >= 0)
  )
    throw new Error(`autoPayAfterMs must be a number of ms ≥ 0, not ${String(opts.autoPayAfterMs)}`);
  if (!chosen) throw new Error(`unknown Lesspay variant "${opts.variant}"; known: ${variants.join(', ')}`);
  const variant: Variant = chosen.api;
  const fault: Fault | undefined = opts.fault ? faultByName(opts.fault) : undefined;
  const credentials = {
    appId: opts.appId ?? TEST_CREDENTIALS.appId,
    appSecret: opts.appSecret ?? TEST_CREDENTIALS.appSecret,
  };
  const knobs = fault ? withFlags(CONFORMANT, fault) : { ...CONFORMANT };
  const scheduler = new Scheduler();
  const webhooks = new WebhookSender({
    ...credentials,
    retryDelaysMs: opts.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    timeoutMs: opts.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    knobs,
    scheduler,
  });
  const ctx: MockContext = {
    variant,
    cashier: chosen.cashier,
    sandbox: {
      payoutsSettle: opts.payoutsSettle ?? true,
      payoutCallbacks: opts.payoutCallbacks ?? true,
      triggerNotify: opts.triggerNotify ?? true,
      ...(opts.autoPayAfterMs !== undefined ? { autoPayAfterMs: opts.autoPayAfterMs } : {}),
      rejectPayouts: opts.rejectPayouts ?? false,
      payoutReview: opts.payoutReview ?? 'auto',
    },
    knobs,
    store: new Store(),
    ids: new IdMaker(),
    scheduler,
    webhooks,
    credentials,
    baseUrl: '',
  };
  const server = await listen(ctx, opts.host ?? '127.0.0.1', opts.port ?? 0, fault);
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    credentials,
    clientCredentials: { ...credentials },
    close: () => {
      closing ??= (async () => {
        scheduler.close();
        await Promise.all([webhooks.close(), server.close()]);
      })();
      return closing;
    },
  };
}

/** The Lesspay mock as the contract of mocks/contract.ts describes every mock. */
export const mock = {
  gateway: 'lesspay',
  variants,
  faults,
  // The variant is checked when the mock starts: an unknown one is refused with the known ones named.
  start: (opts = {}) => startLesspayMock(opts as LesspayMockOptions),
} satisfies GatewayMock;
