import type { Variant } from './context.js';
import { traceId } from './ids.js';
import type { Reply } from './reply.js';

/** An HTTP answer about to be written; fault variants may rewrite it. `body: null` means no body. */
export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> | string | null;
}

export function jsonContentType(variant: Variant): string {
  return variant === 'a' ? 'application/json' : 'application/json; charset=utf-8';
}

function statusFor(reply: Reply, variant: Variant): number {
  if (reply.status !== undefined) return reply.status;
  switch (reply.outcome) {
    case 'param':
      return variant === 'a' ? 400 : 200;
    case 'auth':
      return 401;
    case 'server':
      return 500;
    default:
      return 200;
  }
}

/** The L2 envelope in the variant's dialect. */
export function toOutgoing(reply: Reply, variant: Variant): Outgoing {
  const success = variant === 'a' ? 'SUCCESS' : '';
  const body: Record<string, unknown> = {
    code: reply.code,
    msg: reply.msg ?? (reply.code === 0 ? success : ''),
    data: reply.data ?? null,
  };
  if (variant === 'b') body.trace_id = traceId();
  return {
    status: statusFor(reply, variant),
    headers: { 'Content-Type': jsonContentType(variant), ...reply.headers },
    body,
  };
}
