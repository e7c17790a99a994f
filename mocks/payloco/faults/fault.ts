import type { Behaviour, EnvelopeContext, EnvelopeRewrite, Json } from '../types.js';

/** A fault variant: the conformant behaviour with exactly one reading broken. */
export interface Fault {
  name: string;
  /** The profile reading it breaks (docs/profile.md); "(SHOULD)" in the description marks a SHOULD. */
  reading: string;
  description: string;
  apply(behaviour: Behaviour): Behaviour;
}

export function rewriting(behaviour: Behaviour, rewrite: EnvelopeRewrite): Behaviour {
  return {
    ...behaviour,
    rewriteEnvelope: (envelope, ctx) => rewrite(behaviour.rewriteEnvelope(envelope, ctx), ctx),
  };
}

export function withData(envelope: Json, change: (data: Json) => Json): Json {
  const data = envelope.data;
  if (typeof data !== 'object' || data === null) return envelope;
  return { ...envelope, data: change(data as Json) };
}

export const isPay = (ctx: EnvelopeContext) => ctx.endpoint === 'pay' || ctx.endpoint === 'payV2';

export const foundByQuery = (ctx: EnvelopeContext) => ctx.endpoint === 'query' && !ctx.failure && !!ctx.order;
