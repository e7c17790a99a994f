import type { Fault } from './fault.js';

export const webhookMalformed: Fault = {
  name: 'webhook-malformed',
  reading: 'P10',
  level: 'MUST',
  description: 'Webhook bodies are signed JSON but not the event shape (no id, name, data).',
  flags: { webhookBody: 'malformed' },
};
