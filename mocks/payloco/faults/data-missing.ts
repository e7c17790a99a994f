import type { Fault } from './fault.js';

export const dataMissing: Fault = {
  name: 'data-missing',
  reading: 'P2',
  level: 'MUST',
  description: "Responses carry no data member (like the docs' preAuthVoid example).",
  respond: ({ data: _dropped, ...env }) => env,
};
