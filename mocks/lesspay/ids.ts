import { randomBytes } from 'node:crypto';

/** Lesspay-looking identifiers: a prefix, the millisecond clock and a per-process counter (digits only). */
export class IdMaker {
  private counter = 0;

  next(prefix: string, digits: number): string {
    this.counter = (this.counter + 1) % 1_000_000;
    const body = `${Date.now()}${String(this.counter).padStart(6, '0')}`;
    return prefix + body.slice(-digits).padStart(digits, '0');
  }
}

export function traceId(): string {
  return randomBytes(16).toString('hex');
}

/** ISO 8601 in UTC+08:00 with milliseconds, the format of the demo's payout samples. */
export function isoTime(ms: number): string {
  const shifted = new Date(ms + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 23)}+08:00`;
}
