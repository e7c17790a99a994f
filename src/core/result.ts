// A check's result, built the same way by every runner: what the catalogue says about the check, how it ended, what
// it noted, the exchanges it recorded. Runners differ only in how they run a check, never in what they report.
import type { Outcome } from './outcome.js';
import { redactText } from './redact.js';
import type { CheckResult, Exchange, Gateway, Level } from './results.js';

/** What a result needs from a catalogue entry (probe catalogue or handler catalogue). */
export interface CheckEntry {
  id: string;
  title: string;
  level: Level;
  reading: string;
  endpoint: string;
  spec: { section: string; quote?: string };
}

/** What a result says about its check, whatever the outcome: the catalogue entry and its source. */
export function describeCheck(gateway: Gateway, entry: CheckEntry, url: string | undefined) {
  return {
    id: entry.id,
    gateway,
    endpoint: entry.endpoint,
    title: entry.title,
    level: entry.level,
    reading: entry.reading,
    specRef: {
      doc: gateway,
      section: entry.spec.section,
      url,
      quote: entry.spec.quote,
    },
  };
}

export interface Ran {
  gateway: Gateway;
  entry: CheckEntry;
  /** The documentation URL of the entry's section. */
  url: string | undefined;
  outcome: Outcome;
  /** Lines the check noted for the reader, after the outcome's own message. */
  notes?: readonly string[];
  durationMs: number;
  /** The exchanges it recorded; a runner that records none for an outcome (audit: skipped, errored) leaves it out. */
  evidence?: Exchange[];
}

/** The result of a check that ran: its description, its outcome, its notes (redacted), timing and evidence. */
export function resultOf(ran: Ran): CheckResult {
  const message = [ran.outcome.message, ...(ran.notes ?? [])].filter(Boolean).join('\n');
  return {
    ...describeCheck(ran.gateway, ran.entry, ran.url),
    ...ran.outcome,
    ...(message ? { message: redactText(message) } : {}),
    durationMs: Math.round(ran.durationMs),
    ...(ran.evidence ? { evidence: ran.evidence } : {}),
  };
}

/** A result for a check that could not run at all (status error, with the reason). */
export function notRunResult(
  gateway: Gateway,
  entry: CheckEntry,
  url: string | undefined,
  reason: string,
): CheckResult {
  return {
    ...describeCheck(gateway, entry, url),
    status: 'error',
    message: reason,
    durationMs: 0,
    evidence: [],
  };
}
