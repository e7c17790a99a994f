import type { Fault } from './fault.js';

export const htmlContentType: Fault = {
  name: 'html-content-type',
  reading: 'P1',
  level: 'MUST',
  description: 'API responses are labelled Content-Type: text/html (the body is still JSON).',
  flags: { contentType: 'text/html; charset=utf-8' },
};
