import { clip } from '../core/evidence.js';
import { CheckSkipped } from '../core/outcome.js';
import { redactDeep } from '../core/redact.js';
import type { Exchange, Gateway } from '../core/results.js';
import { afterLoopTime } from './loop-time.js';
import type { Delivery, Endpoint, Policy } from './receiver.js';
import { waiting } from './waits.js';
import type { WebhookAccess } from './webhook-session.js';

// `t.webhooks`: what a probe sees of the run's webhook receiver. Deliveries a check waits for become its evidence.

const NO_RECEIVER = 'no webhook receiver runs in this run';

export class CheckWebhooks {
  private readonly recorded = new Set<number>();

  constructor(
    private readonly access: WebhookAccess | undefined,
    private readonly gateway: Gateway,
    private readonly evidence: Exchange[],
  ) {}

  /** Why no callback can be received (undefined when a receiver runs for this target). */
  get unavailable(): string | undefined {
    if (!this.access) return NO_RECEIVER;
    return 'unavailable' in this.access ? this.access.unavailable : undefined;
  }

  /** How long to wait for a callback, or for a retry after a refusal. */
  get waitMs(): number {
    return this.access && 'waitMs' in this.access ? this.access.waitMs : 0;
  }

  /** How long a retry after a refused callback is awaited (nominal: on a bundled mock, in loop time). */
  get retryWaitMs(): number {
    return this.access && 'retry' in this.access ? this.access.retry.ms : 0;
  }

  /** A new notify URL answered per `policy`; skips the check when no receiver runs. */
  endpoint(policy: Policy): Endpoint {
    const access = this.access;
    if (!access || 'unavailable' in access) throw new CheckSkipped(this.unavailable ?? NO_RECEIVER);
    return access.receiver.endpoint(this.gateway, policy);
  }

  /** The deliveries once `count` have arrived, or those so far after `timeoutMs` (default: waitMs). */
  waitFor(
    token: string,
    opts: { count?: number; timeoutMs?: number; what?: string } = {},
  ): Promise<Delivery[]> {
    return this.collect(token, opts);
  }

  /**
   * The deliveries once `count` have arrived, or those so far when the retry window has passed: the window after a
   * refused callback in which its retry is due (webhook-session.ts retryWindow), never longer than waitMs.
   */
  async waitForRetry(token: string, opts: { count: number; what: string }): Promise<Delivery[]> {
    const access = this.access;
    if (!access || 'unavailable' in access) throw new CheckSkipped(this.unavailable ?? NO_RECEIVER);
    if (!access.retry.loopTime) return this.collect(token, { ...opts, timeoutMs: access.retry.ms });
    const stop = new AbortController();
    try {
      return await this.collect(token, { ...opts, until: afterLoopTime(access.retry.ms, stop.signal) });
    } finally {
      stop.abort();
    }
  }

  /** Runs `fn` as one wait of at most `ms` (polling the target inside it), so the console can say what it awaits. */
  waitWhile<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
    return waiting(what, ms, fn);
  }

  /** Waits as the receiver does (until `until` settles too, where given) and keeps what arrived as evidence. */
  private async collect(
    token: string,
    opts: { count?: number; timeoutMs?: number; until?: Promise<unknown>; what?: string },
  ): Promise<Delivery[]> {
    const access = this.access;
    if (!access || 'unavailable' in access) throw new CheckSkipped(this.unavailable ?? NO_RECEIVER);
    const timeoutMs = opts.timeoutMs ?? access.waitMs;
    const got = await waiting(
      opts.what ?? `a ${this.gateway} callback`,
      timeoutMs,
      access.receiver.waitFor(token, { count: opts.count, timeoutMs, until: opts.until }),
    );
    const origin = new URL(access.receiver.publicUrl).origin;
    for (const d of got) this.record(d, origin);
    return got;
  }

  private record(d: Delivery, origin: string): void {
    if (this.recorded.has(d.seq)) return;
    this.recorded.add(d.seq);
    // Callbacks are evidence like any exchange: signatures masked, bodies capped.
    this.evidence.push(
      redactDeep({
        request: { method: d.method, url: `${origin}${d.path}`, headers: { ...d.headers }, ...clip(d.body) },
        response: {
          status: d.answer.status,
          headers: { 'content-type': d.answer.contentType },
          ...clip(d.answer.body),
          durationMs: 0,
        },
      }),
    );
  }
}
