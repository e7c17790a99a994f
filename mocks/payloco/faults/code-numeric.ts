import { type Fault, rewriting } from './fault.js';

export const codeNumeric: Fault = {
  name: 'code-numeric',
  reading: 'P2',
  description: 'code is a JSON number instead of an 8-digit string (00000003 becomes 3).',
  apply: (b) => rewriting(b, (env) => ({ ...env, code: Number(env.code) })),
};
