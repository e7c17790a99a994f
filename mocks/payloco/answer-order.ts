/**
 * Signatures are computed off the main thread, so an answer is written a moment after its content is decided. This
 * keeps the order a client saw when answers were written at once: a webhook decided while answers are being signed
 * goes out only after every one of those answers is written (a pay answer always before its order's webhook).
 */
export class AnswerOrder {
  private issued = 0;
  /** Every answer below this number is written. */
  private written = 1;
  private readonly open = new Set<number>();
  private readonly waiting: Array<{ after: number; send: () => void }> = [];

  /** Called when a request's answer starts being decided, before its handler runs; returns its ticket. */
  begin(): number {
    this.issued += 1;
    this.open.add(this.issued);
    return this.issued;
  }

  /** The ticket's answer is written (or will never be). Idempotent. */
  end(ticket: number): void {
    if (!this.open.delete(ticket)) return;
    while (this.written <= this.issued && !this.open.has(this.written)) this.written += 1;
    while (this.waiting.length > 0 && this.waiting[0]!.after < this.written) this.waiting.shift()!.send();
  }

  /** Runs `send` once every answer begun so far is written: at once when none is being signed. */
  afterAnswers(send: () => void): void {
    if (this.open.size === 0) send();
    else this.waiting.push({ after: this.issued, send });
  }
}
