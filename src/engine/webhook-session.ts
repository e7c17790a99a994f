import { UsageError } from '../core/errors.js';
import type { Gateway } from '../core/results.js';
import { gatewayNames } from '../gateways/index.js';
import type { CatalogueEntry } from './catalogue.js';
import { catalogue } from './catalogue.js';
import { send } from './http.js';
import { isLoopbackHost, parseListen, WebhookReceiver } from './receiver.js';
import { EMBEDDED_RETRY_MARGIN_MS, EMBEDDED_WAIT_MS, REMOTE_WAIT_MS } from './waits.js';

// Decides, once per run, whether a webhook receiver runs and which targets can reach it.

/**
 * How long a retry after a refused callback is awaited: `ms` of wall time, or of loop time (loop-time.ts) where the
 * window is derived from the retry delays the run gave a bundled mock.
 */
export interface RetryWindow {
  ms: number;
  loopTime: boolean;
}

/** What the checks of one target get: a receiver and the wait bounds, or the reason there is none. */
export type WebhookAccess =
  | { receiver: WebhookReceiver; waitMs: number; retry: RetryWindow }
  | { unavailable: string };

export interface WebhookRunOptions {
  /** `HOST:PORT` to listen on; default 127.0.0.1 and a free port. */
  listen?: string;
  /** Base URL the target calls to reach the receiver (needed for a target on another machine). */
  publicUrl?: string;
  /** How long a probe waits for a callback or a retry; default 10 s for a bundled mock, 20 s otherwise. */
  waitMs?: number;
}

export interface WebhookTarget {
  gateway: Gateway;
  baseUrl: string;
  kind: 'embedded-mock' | 'remote';
  /** The webhook retry delays the run gave a bundled mock (undefined: the mock's own, unknown here). */
  webhookRetryDelaysMs?: readonly number[];
}

export interface WebhookSession {
  accessFor(target: WebhookTarget): WebhookAccess;
  /** The longest wait any target gets (0 when no receiver runs): check deadlines must allow two of them. */
  maxWaitMs: number;
  close(): Promise<void>;
}

function waitFor(target: WebhookTarget, opts: WebhookRunOptions): number {
  return opts.waitMs ?? (target.kind === 'embedded-mock' ? EMBEDDED_WAIT_MS : REMOTE_WAIT_MS);
}

/**
 * A remote target's retry schedule is undocumented, and --webhook-wait is the tester's bound for both: the retry
 * gets the callback's wait. A bundled mock's first retry is due at the delay the run configured, so its window is
 * that plus a margin, in loop time, never longer than the callback's wait.
 */
function retryWindow(target: WebhookTarget, opts: WebhookRunOptions): RetryWindow {
  const first = target.webhookRetryDelaysMs?.[0];
  if (opts.waitMs !== undefined || target.kind !== 'embedded-mock' || first === undefined)
    return { ms: waitFor(target, opts), loopTime: false };
  return { ms: Math.min(first + EMBEDDED_RETRY_MARGIN_MS, EMBEDDED_WAIT_MS), loopTime: true };
}

function selectsWebhooks(gateway: Gateway, selects: (e: CatalogueEntry) => boolean): boolean {
  return catalogue(gateway).checks.some((e) => e.capability === 'webhooks' && selects(e));
}

/**
 * POSTs to the receiver through its public URL, as the target would: when that does not arrive, no callback will,
 * and every webhook check would fail for the tester's setup rather than the target's behaviour.
 */
async function selfProbe(receiver: WebhookReceiver): Promise<string | undefined> {
  // Any gateway's acknowledgement will do: only the arrival is looked at.
  const { token, url } = receiver.endpoint(gatewayNames()[0], 'ack');
  try {
    const res = await send(
      {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: '{"paycert":"self-probe"}',
      },
      { timeoutMs: SELF_PROBE_TIMEOUT_MS, maxBodyBytes: 65_536 },
    );
    if (receiver.deliveries(token).length === 0)
      return `a POST to it was answered HTTP ${res.status} by something else`;
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const SELF_PROBE_TIMEOUT_MS = 5000;

/** Starts the receiver when a selected webhook check has a target that can reach it. */
export async function openWebhookSession(
  targets: WebhookTarget[],
  selects: (e: CatalogueEntry) => boolean,
  opts: WebhookRunOptions = {},
): Promise<WebhookSession> {
  const reachable = (t: WebhookTarget) =>
    opts.publicUrl !== undefined || isLoopbackHost(new URL(t.baseUrl).hostname);
  const wanted = targets.filter((t) => selectsWebhooks(t.gateway, selects));
  let receiver: WebhookReceiver | undefined;
  if (wanted.some(reachable)) {
    let where = { host: '127.0.0.1', port: 0 };
    try {
      if (opts.listen) where = parseListen(opts.listen);
      receiver = await WebhookReceiver.start({ ...where, publicUrl: opts.publicUrl });
    } catch (err) {
      throw new UsageError(
        `--webhook-listen: cannot listen on ${opts.listen ?? '127.0.0.1'}: ${(err as Error).message}`,
      );
    }
  }
  if (receiver && opts.publicUrl) {
    const problem = await selfProbe(receiver);
    if (problem) {
      await receiver.close();
      throw new UsageError(
        `--webhook-public-url ${opts.publicUrl} does not reach the webhook receiver listening on ${receiver.listenUrl}: ${problem} (does the tunnel forward to --webhook-listen?)`,
      );
    }
  }
  return {
    maxWaitMs: receiver ? Math.max(0, ...wanted.filter(reachable).map((t) => waitFor(t, opts))) : 0,
    accessFor(target) {
      if (!reachable(target)) {
        return {
          unavailable:
            'the target is not on this machine, so it cannot reach the loopback webhook receiver: give --webhook-public-url ' +
            '(a URL the target can reach, e.g. a tunnel) and --webhook-listen HOST:PORT to receive callbacks',
        };
      }
      if (!receiver)
        return { unavailable: 'no webhook receiver runs in this run (no webhook check was selected)' };
      return { receiver, waitMs: waitFor(target, opts), retry: retryWindow(target, opts) };
    },
    close: async () => {
      await receiver?.close();
    },
  };
}

/** The run's webhook flags, checked up front (a bad value is a usage error before anything starts). */
export function parseWebhookFlags(flags: {
  webhookListen?: string;
  webhookPublicUrl?: string;
  webhookWait?: number;
}): WebhookRunOptions {
  if (flags.webhookListen) {
    try {
      parseListen(flags.webhookListen);
    } catch (err) {
      throw new UsageError(`--webhook-listen: ${(err as Error).message}`);
    }
  }
  if (flags.webhookPublicUrl !== undefined) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(flags.webhookPublicUrl).protocol);
    } catch {}
    if (!ok)
      throw new UsageError(`--webhook-public-url must be an http(s) URL, got ${flags.webhookPublicUrl}`);
  }
  return { listen: flags.webhookListen, publicUrl: flags.webhookPublicUrl, waitMs: flags.webhookWait };
}
