import type { Fault } from './fault.js';

export const micropayFailed: Fault = {
  name: 'micropay-failed',
  reading: 'P8',
  level: 'MUST',
  description: 'A passive-scan (MICROPAY) pay is declined: failure code 22070050 with data.status FAILED.',
  flags: { micropayDeclines: true },
};
