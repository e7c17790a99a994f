import { type Fault, rewriting } from './fault.js';

export const messageMissing: Fault = {
  name: 'message-missing',
  reading: 'P2',
  description: 'Responses carry no message member.',
  apply: (b) => rewriting(b, ({ message: _dropped, ...env }) => env),
};
