import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { validate } from '../core/schema-registry.js';
import type { PaymentOrder, PaymentOutcome } from '../engine/drivers.js';

// The driver file of `--driver form:FILE` and `--driver browser:FILE`, read and checked against
// schemas/paycert/driver.schema.json before the run starts (a bad file is a usage error, exit 2).

export type BrowserStep =
  | { go: string; timeoutMs?: number }
  | { fill: string; value: string; timeoutMs?: number }
  | { click: string; timeoutMs?: number }
  | { select: string; value: string; timeoutMs?: number }
  | { waitForText: string; timeoutMs?: number }
  | { waitForUrl: string; timeoutMs?: number };

export interface DriverPage {
  match: string;
  field?: PaymentOrder['field'];
  submit?: {
    method?: 'GET' | 'POST';
    action?: string;
    copy?: string[];
    fields: Partial<Record<PaymentOutcome, Record<string, string>>>;
  };
  steps?: Partial<Record<PaymentOutcome, BrowserStep[]>>;
}

export interface DriverFile {
  driver: 'form' | 'browser';
  pages: DriverPage[];
}

export function readDriverFile(path: string, kind: DriverFile['driver'], flag: string): DriverFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`${flag}: cannot read ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  const { valid, problems } = validate('paycert/driver.schema.json', data);
  if (!valid) {
    const p = problems[0];
    throw new UsageError(`${flag}: ${path} is not a driver file: ${p.message}`);
  }
  const file = data as DriverFile;
  if (file.driver !== kind)
    throw new UsageError(
      `${flag}: ${path} is a "${file.driver}" driver file; use --driver ${file.driver}:${path}`,
    );
  for (const page of file.pages) {
    try {
      new RegExp(page.match);
    } catch (err) {
      throw new UsageError(
        `${flag}: ${path}: match ${JSON.stringify(page.match)} is not a regular expression: ${(err as Error).message}`,
      );
    }
  }
  return file;
}

/** The file's entry for the page, with the values its placeholders take, or undefined when none matches. */
export function pageFor(file: DriverFile, order: PaymentOrder) {
  for (const page of file.pages) {
    if (page.field && page.field !== order.field) continue;
    const m = new RegExp(page.match).exec(order.url);
    if (!m) continue;
    const values: Record<string, string> = {
      url: order.url,
      amount: order.amount,
      currency: order.currency,
      ...order.ids,
      ...m.groups,
    };
    return { page, fill: (s: string) => s.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all) };
  }
  return undefined;
}
