import type { Fault } from './fault.js';

export const versionNotChecked: Fault = {
  name: 'version-not-checked',
  reading: 'P4',
  description: 'A version other than 2.0.0 (or none) is accepted.',
  apply: (b) => ({ ...b, checkVersion: false }),
};
