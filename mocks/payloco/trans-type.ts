import { fail } from './envelope.js';
import type { Answer, Behaviour, Json } from './types.js';

/** P3: v1 pay and v1 query need transType; the v2 pay and preAuthVoid examples carry none. */
export function transTypeMissing(behaviour: Behaviour, params: Json): Answer | undefined {
  if (!behaviour.requireTransType) return undefined;
  const { transType } = params;
  if (typeof transType === 'string' && transType.trim() !== '') return undefined;
  return fail(behaviour.transTypeError.code, behaviour.transTypeError.message);
}
