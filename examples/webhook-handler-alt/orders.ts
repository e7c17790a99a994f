import type { Job, NewOrder } from './journal.js';

// The order table and the rules that move it. Each gateway gets the rule its docs suggest, not one shared rule:
// - Lesspay callbacks carry no event id, and L11 asks that "the same order state" be processed once: an order only
//   moves forward through the status table's ranks, so a repeated state and an older state are both no-ops.
// - Payloco: "tracking the event id" makes a redelivery a no-op, and "use the notifyTime field if ordering is
//   required": an event older than the one last applied to the order does not overwrite it.

export interface OrderRow {
  gateway: Job['gateway'];
  amount: string;
  currency: string;
  /** Lesspay: order_status_int (the table's integer); Payloco: data.status as sent. */
  status: number | string;
  statusName: string;
  /** How many callbacks changed this order. */
  processed: number;
  notifyTime?: number;
  updatedAt: string;
  history: { status: string; at: string; effect: Effect }[];
}

export type Effect = 'applied' | 'duplicate' | 'stale';

// lesspay.md §5.5, plus the payout webhook's batch names (§6.3). Pending < paid-but-mismatched < final < refunded.
const LESSPAY_CODES: Record<string, number> = {
  PENDING_CONFIRM: 0,
  PENDING_PAY: 1,
  SUCCEED: 2,
  FAILED: 3,
  CANCELED: 4,
  REFUND: 5,
  CLOSED: 6,
  PARTIAL_SUCCESS: 11,
  PAID: 12,
};
const RANK_BY_CODE: Record<number, number> = { 0: 0, 1: 1, 12: 2, 2: 3, 3: 3, 4: 3, 6: 3, 11: 3, 5: 4 };

function lesspayRank(status: string): number {
  if (status === 'SUCCESS') return 3; // payout batch vocabulary (webhook page)
  const code = LESSPAY_CODES[status];
  return code === undefined ? -1 : RANK_BY_CODE[code];
}

/** Faults for the self-test: each rule can be switched off. */
export interface TableRules {
  dedupe: boolean;
  ordered: boolean;
}

export class OrderTable {
  private readonly rows = new Map<string, OrderRow>();
  private readonly events = new Set<string>();

  constructor(private readonly rules: TableRules = { dedupe: true, ordered: true }) {}

  get(ref: string): OrderRow | undefined {
    return this.rows.get(ref);
  }

  /** A new order, before any callback: CREATED, processed 0. Creating it again changes nothing. */
  create(order: NewOrder): void {
    if (this.rows.has(order.ref)) return;
    this.rows.set(order.ref, {
      gateway: order.gateway,
      amount: order.amount,
      currency: order.currency,
      status: 'CREATED',
      statusName: 'CREATED',
      processed: 0,
      updatedAt: new Date().toISOString(),
      history: [],
    });
  }

  /** Applies a verified callback of a known order (the front refuses callbacks of unknown orders). */
  apply(job: Job): Effect {
    const row = this.rows.get(job.ref);
    if (!row) return 'stale';
    const effect = job.gateway === 'lesspay' ? this.lesspayEffect(row, job) : this.paylocoEffect(row, job);
    const at = new Date(job.receivedAt).toISOString();
    row.history.push({ status: job.status, at, effect });
    if (effect === 'applied') {
      row.statusName = job.status;
      row.status =
        job.gateway === 'lesspay' ? (job.code ?? LESSPAY_CODES[job.status] ?? job.status) : job.status;
      row.notifyTime = job.notifyTime;
      row.processed += 1;
      row.updatedAt = at;
    }
    return effect;
  }

  private lesspayEffect(row: OrderRow, job: Job): Effect {
    if (lesspayRank(job.status) < 0) return 'stale';
    if (row.statusName === job.status) return this.rules.dedupe ? 'duplicate' : 'applied';
    if (!this.rules.ordered) return 'applied';
    return lesspayRank(job.status) > lesspayRank(row.statusName) ? 'applied' : 'stale';
  }

  private paylocoEffect(row: OrderRow, job: Job): Effect {
    if (job.eventId !== undefined) {
      if (this.events.has(job.eventId) && this.rules.dedupe) return 'duplicate';
      this.events.add(job.eventId);
    }
    if (!this.rules.ordered) return 'applied';
    if (row.notifyTime !== undefined && job.notifyTime !== undefined && job.notifyTime < row.notifyTime)
      return 'stale';
    return 'applied';
  }
}
