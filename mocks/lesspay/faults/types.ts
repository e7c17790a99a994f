import type { Outgoing } from '../envelope.js';
import type { Knobs } from '../knobs.js';
import type { Reply } from '../reply.js';

export interface ResponseContext {
  path: string;
  reply: Reply;
}

/**
 * One named deviation. `knobs` bends a behaviour inside the handlers; `respond` rewrites the finished answer
 * of an API call. Each fault breaks one reading and as little else as possible.
 */
export interface Fault {
  reading: string;
  /** The level of the broken requirement: a MUST fault fails certification, a SHOULD fault warns. */
  level: 'MUST' | 'SHOULD';
  description: string;
  knobs?: Partial<Knobs>;
  respond?(out: Outgoing, ctx: ResponseContext): Outgoing;
}

export type FaultSet = Record<string, Fault>;

/** Rewrites the JSON body of an answer, leaving non-JSON answers alone. */
export function editBody(out: Outgoing, edit: (body: Record<string, unknown>) => void): Outgoing {
  if (out.body === null || typeof out.body === 'string') return out;
  const body = { ...out.body };
  edit(body);
  return { ...out, body };
}

export function editData(out: Outgoing, edit: (data: Record<string, unknown>) => void): Outgoing {
  return editBody(out, (body) => {
    const data = body.data as Record<string, unknown> | null;
    if (!data) return;
    // Variant b wraps the query result in records[]; edit the order either way.
    if (Array.isArray(data.records)) {
      body.data = {
        ...data,
        records: data.records.map((r: Record<string, unknown>) => {
          const copy = { ...r };
          edit(copy);
          return copy;
        }),
      };
    } else {
      const copy = { ...data };
      edit(copy);
      body.data = copy;
    }
  });
}
