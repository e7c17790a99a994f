// The typed ways a check ends other than passing (style: schemathesis failures, bowtie skip/error records).

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

/** A precondition the check needs (state it creates through the public API) could not be met: status `error`. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}
