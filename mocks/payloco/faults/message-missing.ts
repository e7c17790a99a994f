import type { Fault } from './fault.js';

export const messageMissing: Fault = {
  name: 'message-missing',
  reading: 'P2',
  level: 'MUST',
  description: 'Responses carry no message member.',
  respond: ({ message: _dropped, ...env }) => env,
};
