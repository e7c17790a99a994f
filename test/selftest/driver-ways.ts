import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Gateway } from '../../src/core/results.js';
import { openDriver } from '../../src/drivers/index.js';
import { ManualDriver } from '../../src/drivers/manual.js';
import type { PaymentDriver } from '../../src/engine/drivers.js';

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
  { variant: 'a', driver: `command:node ${join(repo, 'test/fixtures/pay-mock-page.mjs')}` },
  // A person, scripted (see scriptedPerson).
  { variant: 'b', driver: 'manual' },
];

/**
 * The person in the loop of the manual driver, scripted: when paycert prints a page to pay, it opens it a moment
 * later, presses the pay button of the bundled mocks' default pages (variants a and b) and then tells paycert it is
 * done by typing the page URL, as a person at the terminal would.
 */
function scriptedPerson(terminal: PassThrough): (line: string) => void {
  return (line) => {
    const url = /^PAYCERT-OPEN success (\S+)$/.exec(line)?.[1];
    if (!url) return;
    setTimeout(async () => {
      const page = await (await fetch(url)).text();
      const value = /name="outcome" value="(succeed|pay)"/.exec(page)?.[1] ?? 'missing';
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `outcome=${value}`,
        redirect: 'manual',
      });
      terminal.write(`${url}\n`);
    }, 200);
  };
}

/** The driver of a way, and for the manual driver the scripted person as the console it talks to. */
export async function driverFor(
  spec: string,
): Promise<{ driver: PaymentDriver; say?: (line: string) => void }> {
  if (spec !== 'manual') return { driver: await openDriver(spec) };
  const terminal = new PassThrough();
  return { driver: new ManualDriver(terminal), say: scriptedPerson(terminal) };
}
