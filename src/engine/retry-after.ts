import type { HttpResponse } from './http.js';

// A target's Retry-After (429/503) is honoured within two bounds: one wait may not pass the cap (--retry-after-cap),
// and all waits together may not pass the run's budget (--max-wait).

export const DEFAULT_MAX_WAIT_MS = 30_000;

/** How long a 429/503 answer asks to wait, or undefined: no Retry-After, unreadable, or over `capMs`. */
export function retryAfterMs(res: HttpResponse, capMs: number): number | undefined {
  if (res.status !== 429 && res.status !== 503) return undefined;
  const value = res.headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  if (!Number.isFinite(ms) || ms > capMs) return undefined;
  return Math.max(0, ms);
}

/** The run's budget for waiting on Retry-After: what was refused, how long was waited, and why it ran out. */
export class WaitBudget {
  /** Answers that were 429/503 with Retry-After, the first one's time, and the wall time spent waiting on them. */
  private refusals = 0;
  private firstRefusalAt = 0;
  private waitedMs = 0;
  private waitEndsAt = 0;
  private reason: string | undefined;

  constructor(private readonly budgetMs: number = DEFAULT_MAX_WAIT_MS) {}

  /** Why the run stopped: the target kept refusing requests with 429/503 past the budget. */
  get exhausted(): string | undefined {
    return this.reason;
  }

  /** Counts a 429/503 answer with Retry-After. */
  noteRefusal(): void {
    if (this.refusals++ === 0) this.firstRefusalAt = performance.now();
  }

  /**
   * Books a wait of `ms`. Lanes that wait at the same time share the wall clock, so the budget counts the union of
   * the waits, not their sum. Returns false, once the budget is spent, when the wait would go past it.
   */
  reserve(ms: number): boolean {
    if (this.reason) return false;
    const now = performance.now();
    const end = now + ms;
    const added = Math.max(0, end - Math.max(now, this.waitEndsAt));
    if (this.waitedMs + added > this.budgetMs) {
      const seconds = (x: number) => `${Math.round(x / 100) / 10} s`;
      this.reason = `the target refused ${this.refusals} requests with 429/503 for ${seconds(now - this.firstRefusalAt)} (waiting on its Retry-After would pass the ${seconds(this.budgetMs)} budget of --max-wait)`;
      return false;
    }
    this.waitedMs += added;
    this.waitEndsAt = Math.max(this.waitEndsAt, end);
    return true;
  }
}
