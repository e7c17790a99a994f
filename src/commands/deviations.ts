import { writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { redactText } from '../core/redact.js';
import type { Results } from '../core/results.js';
import { validate } from '../core/schema-registry.js';
import { readResults } from './run.js';

// `paycert deviations init`: the known deviations of a target written from a run's failures, each with its reason and
// an expiry date, so a team starts from what fails today instead of writing the file by hand. Past its date a
// deviation no longer excuses its check: the list is reviewed, not forgotten.

export interface DeviationsInitFlags {
  from: string;
  expires: string;
  output?: string;
}

/** `30d`, `8w` or a date `2027-03-01`: the expiry date as YYYY-MM-DD. */
export function expiryDate(value: string, now = new Date()): string {
  const m = /^(\d+)([dw])$/.exec(value);
  if (m) {
    const days = Number(m[1]) * (m[2] === 'w' ? 7 : 1);
    if (days < 1) throw new UsageError(`--expires must be at least 1d, got ${value}`);
    return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw new UsageError(`--expires takes a duration (30d, 8w) or a date (2027-03-01), got ${value}`);
}

export function deviationsFrom(results: Results, expires: string) {
  const day = (results.startedAt ?? '').slice(0, 10);
  return {
    deviations: results.checks
      .filter((c) => (c.status === 'failed' || c.status === 'error') && !c.deviation?.stale)
      .map((c) => ({
        check: c.id,
        reason: redactText(
          `${c.status} in run ${results.runId}${day ? ` (${day})` : ''}: ${(c.message ?? c.title).split('\n')[0]!.slice(0, 300)}`,
        ),
        expires,
      })),
  };
}

export function deviationsInitCommand(flags: DeviationsInitFlags): number {
  const results = readResults(flags.from);
  if (!Array.isArray(results.checks))
    throw new UsageError(`${flags.from} is not a paycert results.json (no checks)`);
  const doc = deviationsFrom(results, expiryDate(flags.expires));
  const { valid, problems } = validate('paycert/deviations.schema.json', doc);
  if (!valid) throw new Error(`the deviations written do not match their schema: ${problems[0]?.message}`);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (flags.output) {
    writeFileSync(flags.output, text);
    process.stderr.write(
      `${flags.output}: ${doc.deviations.length} deviations, expiring ${doc.deviations[0]?.expires ?? '-'}\n`,
    );
  } else process.stdout.write(text);
  return 0;
}
