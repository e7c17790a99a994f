import type { Fault } from './fault.js';

export const versionMissingAccepted: Fault = {
  name: 'version-missing-accepted',
  reading: 'P4',
  level: 'MUST',
  description: 'A request without version is accepted (another value than 2.0.0 is still refused).',
  flags: { requireVersion: false },
};
