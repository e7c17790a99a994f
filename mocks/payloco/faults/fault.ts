import type { MockFault } from '../../contract.js';
import type { Behaviour, EnvelopeContext, EnvelopeRewrite, Json } from '../types.js';

/** A fault variant: the conformant behaviour with exactly one reading broken (the model of mocks/contract.ts). */
export type Fault = MockFault<Behaviour, Json, EnvelopeContext>;

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
