// The typed ways a check ends other than passing (style: schemathesis failures, bowtie skip/error records), and the
// one classifier every runner uses to turn them into a result's outcome. run, verify, audit, proxy and webhook-test
// all throw or hand their findings here: no module outside core/ writes a check's status (architecture-judging.spec).
import { redactText } from './redact.js';
import type { CheckResult } from './results.js';

/** A clause of the profile is violated: the check's status is `failed`. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly expected?: unknown,
    readonly received?: unknown,
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}

/** The check does not apply or cannot be judged here: status `skipped`, always with a reason. */
export class CheckSkipped extends Error {
  constructor(
    readonly reason: string,
    readonly notApplicable = false,
  ) {
    super(reason);
    this.name = 'CheckSkipped';
  }
}

/**
 * A precondition the check needs (state it creates through the public API) could not be met: status `error`.
 * `blockedBy` names the check that judges that precondition (e.g. the create a query needs), so a report can show the
 * one failure that left many checks not judged once, as their root cause; `reason` is the innermost cause's text.
 */
export class SetupError extends Error {
  readonly reason: string;
  constructor(
    message: string,
    readonly blockedBy?: string,
    reason?: string,
  ) {
    super(message);
    this.name = 'SetupError';
    this.reason = reason ?? message;
  }
}

/**
 * The check could not be judged, for a reason the runner states in full (the target unreachable, a provider state it
 * could not reach, a verifier that did not report the interaction): status `error`, the message as given, no root
 * cause (unlike SetupError, it blocks on no other check).
 */
export class CheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckError';
  }
}

/** How a check ended, as a result records it (the result's status and what it says about it). */
export type Outcome = Pick<
  CheckResult,
  'status' | 'message' | 'expected' | 'received' | 'notApplicable' | 'blockedBy'
>;

// Keeps what the target sent short enough for a report: deep or huge values become a note; secrets are redacted.
export function preview(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    if (text === undefined || text.length <= 4096)
      return value === undefined ? undefined : JSON.parse(redactText(text));
    return `${redactText(text.slice(0, 4096))}… (${text.length} characters)`;
  } catch {
    return '(not serialisable: too deep or circular)';
  }
}

// Outcomes are told apart by name, not instanceof: a test runner may load the harness twice (require and import),
// and probe files and handler cases are loaded with a dynamic import, so a CheckFailure thrown by another copy of
// this module must still count as a failure. TransportError (engine/http) is recognised by name for the same reason.
const named = <T>(err: unknown, name: string): err is T => (err as Error | undefined)?.name === name;

/** The one classifier of every runner: what a check's thrown error (or nothing: passed) means for its result. */
export function outcomeOf(err: unknown): Outcome {
  if (named<CheckFailure>(err, 'CheckFailure')) {
    return {
      status: 'failed',
      message: err.message,
      expected: preview(err.expected),
      received: preview(err.received),
    };
  }
  if (named<CheckSkipped>(err, 'CheckSkipped'))
    return { status: 'skipped', message: err.reason, notApplicable: err.notApplicable };
  if (named<CheckError>(err, 'CheckError')) return { status: 'error', message: err.message };
  if (named<Error>(err, 'TransportError')) return { status: 'error', message: `transport: ${err.message}` };
  if (named<SetupError>(err, 'SetupError')) {
    const reason = err.reason ?? err.message;
    return {
      status: 'error',
      message: err.message,
      blockedBy: { ...(err.blockedBy ? { check: err.blockedBy } : {}), reason: reason.split('\n')[0]! },
    };
  }
  return { status: 'error', message: `check error: ${(err as Error)?.message ?? String(err)}` };
}

/** The outcome of a check that ran to its end and found nothing against its clause. */
export function passedOutcome(): Outcome {
  return { status: 'passed' };
}

/** Runs one check body and classifies how it ended. */
export async function outcomeOfRun(body: () => Promise<void>): Promise<Outcome> {
  try {
    await body();
    return passedOutcome();
  } catch (err) {
    return outcomeOf(err);
  }
}
