import type { Fault } from './fault.js';

export const codeNumeric: Fault = {
  name: 'code-numeric',
  reading: 'P2',
  level: 'MUST',
  description: 'code is a JSON number instead of an 8-digit string (00000003 becomes 3).',
  respond: (env) => ({ ...env, code: Number(env.code) }),
};
