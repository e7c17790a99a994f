import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Gateway } from '../results.js';

// The lifecycle checks a payment driver completes, and each conformant variant with the driver that certifies it.

export const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The checks whose payment a driver completes. */
export const DRIVEN: Record<Gateway, string[]> = {
  lesspay: ['LP-WH-001', 'LP-WH-002', 'LP-WH-003', 'LP-WH-004', 'LP-WH-005', 'LP-WH-006'],
  payloco: [
    'PL-WH-001',
    'PL-WH-002',
    'PL-WH-003',
    'PL-WH-004',
    'PL-WH-005',
    'PL-WH-006',
    'PL-CODE-001',
    'PL-QRY-009',
  ],
};

/** Each variant with the driver that certifies it, plus the other drivers on the shapes they are for. */
export const WAYS: { variant: string; driver: string }[] = [
  { variant: 'a', driver: 'auto' },
  { variant: 'b', driver: 'auto' },
  { variant: 'c', driver: 'auto' },
  { variant: 'd', driver: 'auto' },
  { variant: 'e', driver: `browser:${join(repo, 'examples/drivers/mocks.browser.json')}` },
  { variant: 'c', driver: `form:${join(repo, 'examples/drivers/mocks-select.form.json')}` },
  { variant: 'a', driver: `command:node ${join(repo, 'src/drivers/testing/pay-mock-page.mjs')}` },
];
