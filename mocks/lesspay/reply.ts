/**
 * What a handler decides, before the variant turns it into an HTTP response. `outcome` tells the envelope
 * which HTTP status applies; `reason` lets a fault variant target one kind of answer precisely.
 */
export type Outcome = 'ok' | 'param' | 'auth' | 'business' | 'route' | 'server';

export type Reason =
  | 'created'
  | 'found'
  | 'duplicate'
  | 'not-found'
  | 'neither-id'
  | 'time'
  | 'sum-mismatch'
  | 'duplicate-detail'
  | 'currency'
  | 'invalid'
  | 'unsupported'
  | 'auth'
  | 'unknown-path'
  | 'method'
  | 'other';

export interface Reply {
  outcome: Outcome;
  reason: Reason;
  code: number;
  msg?: string;
  data?: Record<string, unknown> | null;
  /** Overrides the status the envelope would choose (e.g. 405, 500). */
  status?: number;
  headers?: Record<string, string>;
}

export function ok(data: Record<string, unknown> | null, reason: Reason = 'found'): Reply {
  return { outcome: 'ok', reason, code: 0, data };
}

export function paramError(msg: string, code = 11, reason: Reason = 'invalid'): Reply {
  return { outcome: 'param', reason, code, msg, data: null };
}

export function businessError(code: number, msg: string, reason: Reason): Reply {
  return { outcome: 'business', reason, code, msg, data: null };
}

/** Thrown by validators; the handler turns it into a parameter-error reply. */
export class ParamError extends Error {
  constructor(
    message: string,
    readonly code?: number,
    readonly reason: Reason = 'invalid',
  ) {
    super(message);
  }
}
