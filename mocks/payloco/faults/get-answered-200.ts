import type { Fault } from './fault.js';

export const getAnswered200: Fault = {
  name: 'get-answered-200',
  reading: 'P1',
  level: 'MUST',
  description: '(SHOULD 405) A GET on an endpoint is answered HTTP 200 (with a failure envelope).',
  flags: { methodNotAllowedStatus: 200 },
};
