import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The handler's store: one append-only JSON-lines file. A verified callback is written as an `inbox` line before it
// is acknowledged; the worker writes a `done` line once it has applied it. Reopening the file replays the done jobs
// (the order table is a fold over them) and hands back the jobs that were acknowledged but never applied.

/** One verified callback, as the worker needs it. */
export interface Job {
  gateway: 'lesspay' | 'payloco';
  /** The merchant's order id: Lesspay request_id, Payloco data.merchantOrderId. */
  ref: string;
  /** The status as the gateway names it (Lesspay order_status, Payloco data.status). */
  status: string;
  /** Lesspay order_status_int, when the callback carries it. */
  code?: number;
  /** Payloco event id: the documented idempotency key. */
  eventId?: string;
  /** Payloco notifyTime in ms: the documented ordering key. */
  notifyTime?: number;
  receivedAt: number;
}

/** An order the merchant created (in tests: through POST /api/test-orders). */
export interface NewOrder {
  gateway: Job['gateway'];
  ref: string;
  amount: string;
  currency: string;
}

type Line =
  | { t: 'order'; seq: number; order: NewOrder }
  | { t: 'inbox'; seq: number; job: Job }
  | { t: 'done'; seq: number };

export type Replayed = { seq: number; order: NewOrder } | { seq: number; job: Job; done: boolean };

export class Journal {
  private readonly file: string;
  private seq = 0;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'webhooks.jsonl');
  }

  /** Every order created and every job received, in order, and whether each job was applied. */
  replay(): Replayed[] {
    if (!existsSync(this.file)) return [];
    const entries = new Map<number, Replayed>();
    for (const text of readFileSync(this.file, 'utf8').split('\n')) {
      if (!text) continue;
      const line = JSON.parse(text) as Line;
      if (line.t === 'order') entries.set(line.seq, { seq: line.seq, order: line.order });
      else if (line.t === 'inbox') entries.set(line.seq, { seq: line.seq, job: line.job, done: false });
      else {
        const entry = entries.get(line.seq);
        if (entry && 'job' in entry) entry.done = true;
      }
      this.seq = Math.max(this.seq, line.seq);
    }
    return [...entries.values()].sort((a, b) => a.seq - b.seq);
  }

  createOrder(order: NewOrder): void {
    this.append({ t: 'order', seq: ++this.seq, order });
  }

  /** Records a verified callback; returns its sequence number. Synchronous: it is on disk before the ack. */
  receive(job: Job): number {
    const seq = ++this.seq;
    this.append({ t: 'inbox', seq, job });
    return seq;
  }

  markDone(seq: number): void {
    this.append({ t: 'done', seq });
  }

  private append(line: Line): void {
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}
