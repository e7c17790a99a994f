import { type Fault, rewriting } from './fault.js';

export const codeSevenDigits: Fault = {
  name: 'code-seven-digits',
  reading: 'P2',
  description: 'code is a string of 7 digits (the leading zero is dropped).',
  apply: (b) => rewriting(b, (env) => ({ ...env, code: String(env.code).slice(1) })),
};
