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

type Line = { t: 'inbox'; seq: number; job: Job } | { t: 'done'; seq: number };

export class Journal {
  private readonly file: string;
  private seq = 0;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'webhooks.jsonl');
  }

  /** Every job ever received, in order, and whether it was applied. */
  replay(): { seq: number; job: Job; done: boolean }[] {
    if (!existsSync(this.file)) return [];
    const jobs = new Map<number, { seq: number; job: Job; done: boolean }>();
    for (const text of readFileSync(this.file, 'utf8').split('\n')) {
      if (!text) continue;
      const line = JSON.parse(text) as Line;
      if (line.t === 'inbox') jobs.set(line.seq, { seq: line.seq, job: line.job, done: false });
      else {
        const entry = jobs.get(line.seq);
        if (entry) entry.done = true;
      }
      this.seq = Math.max(this.seq, line.seq);
    }
    return [...jobs.values()].sort((a, b) => a.seq - b.seq);
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
