// Politeness towards the target: at most `concurrency` requests in flight, at most `rate` starts per second,
// and a hard budget of requests per run. Hand-written: a token bucket this small is clearer than a dependency.

export interface ThrottleOptions {
  concurrency: number;
  /** Requests per second; 0 means unlimited. */
  rate: number;
  maxRequests: number;
}

export class Throttle {
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private nextStart = 0;
  private started = 0;

  constructor(private readonly opts: ThrottleOptions) {}

  get requestsStarted(): number {
    return this.started;
  }

  /** Reserves a slot; returns false when the run's request budget is spent. */
  async acquire(): Promise<boolean> {
    if (this.started >= this.opts.maxRequests) return false;
    this.started++;
    if (this.inFlight >= this.opts.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    const now = performance.now();
    const at = Math.max(now, this.nextStart);
    if (this.opts.rate > 0) this.nextStart = at + 1000 / this.opts.rate;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
    return true;
  }

  release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  /** Holds the whole run back, e.g. while honouring Retry-After. */
  pauseUntil(epochMs: number): void {
    this.nextStart = Math.max(this.nextStart, performance.now() + Math.max(0, epochMs - Date.now()));
  }
}
