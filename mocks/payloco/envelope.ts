import type { Answer, Behaviour, EnvelopeContext, Json, Order } from './types.js';

export function ok(code: string, message: string, data: Answer['data'], order?: Order): Answer {
  return { code, message, data, failure: false, order };
}

export function fail(code: string, message: string, errorDetail?: string, httpStatus?: number): Answer {
  const data: Answer['data'] = errorDetail ? { status: 'FAILED', errorDetail } : { status: 'FAILED' };
  return { code, message, data, failure: true, httpStatus };
}

export interface Rendered {
  status: number;
  body: string;
}

/** The unified response format of the seed, plus the variant's extra members, then the fault's rewrite. */
export function render(
  answer: Answer,
  behaviour: Behaviour,
  endpoint: EnvelopeContext['endpoint'],
): Rendered {
  const status = answer.httpStatus ?? (answer.failure ? behaviour.failureHttpStatus : 200);
  const data: Json = behaviour.extraMembers
    ? { ...answer.data, responseTime: new Date().toISOString() }
    : answer.data;
  const envelope: Json = { code: answer.code, message: answer.message, traceId: behaviour.traceId(), data };
  if (behaviour.extraMembers) envelope.timestamp = Date.now();
  const ctx: EnvelopeContext = { endpoint, failure: answer.failure, order: answer.order };
  return { status, body: JSON.stringify(behaviour.rewriteEnvelope(envelope, ctx)) };
}
