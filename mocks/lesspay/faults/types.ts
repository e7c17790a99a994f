import type { MockFault } from '../../contract.js';
import type { Outgoing } from '../envelope.js';
import type { Knobs } from '../knobs.js';
import type { Reply } from '../reply.js';

export interface ResponseContext {
  path: string;
  reply: Reply;
}

/**
 * One named deviation, in the model of mocks/contract.ts: `flags` bend knobs inside the handlers; `respond` rewrites
 * the finished answer of an API call. Each fault breaks one reading and as little else as possible. Its name is its
 * key in a FaultSet.
 */
export type Fault = Omit<MockFault<Knobs, Outgoing, ResponseContext>, 'name'>;

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
