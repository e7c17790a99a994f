// The live line of a run on a terminal: checks done of selected, failures so far, and what the run waits for. It is
// rewritten in place (never scrolls) and cleared before any other line is printed; off a terminal it is never drawn.

export class ProgressLine {
  private done = 0;
  private failed = 0;
  private waiting = '';
  private drawn = false;
  private last = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
  ) {}

  /** One more check ended. */
  tick(failed: boolean): void {
    this.done++;
    if (failed) this.failed++;
    // A redraw per check would cost more than the check at 10 000 checks: at most every 100 ms, and at the end.
    const now = Date.now();
    if (now - this.last >= 100 || this.done === this.total) this.draw(now);
  }

  /** What the run waits for now (a callback, a payment page); empty when nothing. */
  wait(text: string): void {
    this.waiting = text;
    this.draw(Date.now());
  }

  /** Prints lines above the progress line, then draws it again. */
  print(text: string): void {
    this.clear();
    this.stream.write(text.endsWith('\n') ? text : `${text}\n`);
    this.draw(Date.now());
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }

  /** Draws the line again after other output was printed (on this stream or another on the same terminal). */
  redraw(): void {
    this.draw(Date.now());
  }

  private draw(now: number): void {
    this.last = now;
    const columns = this.stream.columns || 100;
    const text = `${this.done}/${this.total} checks, ${this.failed} failed${this.waiting ? ` — ${this.waiting}` : ''}`;
    this.stream.write(`\r\u001b[2K${text.length >= columns ? `${text.slice(0, columns - 2)}…` : text}`);
    this.drawn = true;
  }
}
