import type { TransportError } from './http.js';

// Consecutive transport failures after which the target counts as down and remaining checks end at once.
const BREAKER_LIMIT = 4;

/**
 * Two breakers. An endpoint (path) that fails BREAKER_LIMIT exchanges in a row is down: later exchanges with it end
 * at once, so a hanging endpoint costs at most BREAKER_LIMIT timeouts, however many checks use it. The whole target is
 * down when BREAKER_LIMIT exchanges in a row fail and one of them is on an endpoint that answered earlier in the run
 * (the target went away). Endpoints that never answered trip only their own breaker, so the checks of healthy
 * endpoints keep their true status.
 */
export class Breakers {
  private consecutiveFailures = 0;
  /** Whether the current run of failures hit an endpoint that had answered before in this run. */
  private streakHitAnswered = false;
  private downReason: string | undefined;
  private readonly pathFailures = new Map<string, number>();
  private readonly pathDown = new Map<string, string>();
  private readonly answered = new Set<string>();

  /** Why the whole target counts as down, or undefined. */
  get targetDown(): string | undefined {
    return this.downReason;
  }

  /** Stops the whole target for a reason of its own (the first reason stays). */
  trip(reason: string): void {
    this.downReason ??= reason;
  }

  /** Why exchanges with this path end at once: the whole target or this endpoint stopped answering. */
  downFor(path: string): string | undefined {
    return this.downReason ?? this.pathDown.get(path);
  }

  note(path: string, ok: boolean, err?: TransportError): void {
    if (ok) {
      this.consecutiveFailures = 0;
      this.streakHitAnswered = false;
      this.pathFailures.set(path, 0);
      this.answered.add(path);
      return;
    }
    const failures = (this.pathFailures.get(path) ?? 0) + 1;
    this.pathFailures.set(path, failures);
    if (failures >= BREAKER_LIMIT && !this.pathDown.has(path)) {
      this.pathDown.set(
        path,
        `endpoint ${path} stopped answering: ${BREAKER_LIMIT} exchanges in a row failed (last: ${err?.message})`,
      );
    }
    this.consecutiveFailures++;
    if (this.answered.has(path)) this.streakHitAnswered = true;
    if (this.consecutiveFailures >= BREAKER_LIMIT && this.streakHitAnswered && !this.downReason) {
      this.downReason = `target stopped answering: ${BREAKER_LIMIT} exchanges in a row failed (last: ${err?.message})`;
    }
  }
}
