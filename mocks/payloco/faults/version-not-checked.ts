import type { Fault } from './fault.js';

export const versionNotChecked: Fault = {
  name: 'version-not-checked',
  reading: 'P4',
  level: 'MUST',
  description: 'A version other than 2.0.0 (or none) is accepted.',
  flags: { checkVersion: false },
};
