import type { Fault } from './fault.js';

export const codeSevenDigits: Fault = {
  name: 'code-seven-digits',
  reading: 'P2',
  level: 'MUST',
  description: 'code is a string of 7 digits (the leading zero is dropped).',
  respond: (env) => ({ ...env, code: String(env.code).slice(1) }),
};
