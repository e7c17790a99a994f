import { type Fault, rewriting } from './fault.js';

export const dataMissing: Fault = {
  name: 'data-missing',
  reading: 'P2',
  description: "Responses carry no data member (like the docs' preAuthVoid example).",
  apply: (b) => rewriting(b, ({ data: _dropped, ...env }) => env),
};
