// The one contract both reference mocks keep, so the harness starts any gateway's mock the same way and reads its
// faults the same way. A type only: the mocks import nothing from src/, and src/ sees this through the mock's entry.

export type Level = 'MUST' | 'SHOULD';

/** What a fault variant says about itself: its name, the reading it breaks, at which level, and how. */
export interface FaultInfo {
  name: string;
  /** The profile reading it breaks (docs/profile.md, e.g. L6 or P2). */
  reading: string;
  /** The level of the broken requirement: a MUST fault fails certification, a SHOULD fault warns. */
  level: Level;
  /** One line, without the level (it is in `level`). */
  description: string;
}

/**
 * One fault model for both mocks: behaviour flags bend the handlers (a value, or computed from the conformant
 * flags when it extends one), and where needed a hook rewrites the finished answer. Each fault breaks one reading.
 */
export interface MockFault<Flags, Answer, Context> extends FaultInfo {
  flags?: Partial<Flags> | ((conformant: Flags) => Partial<Flags>);
  respond?(answer: Answer, ctx: Context): Answer;
}

/** The flags of a variant with a fault's flags applied. */
export function withFlags<Flags>(
  base: Flags,
  fault: { flags?: MockFault<Flags, unknown, unknown>['flags'] },
): Flags {
  const flags = typeof fault.flags === 'function' ? fault.flags(base) : fault.flags;
  return { ...base, ...flags };
}

export interface StartOptions {
  host?: string;
  port?: number;
  /** A conformant variant (see `variants`); default the first. */
  variant?: string;
  /** A fault variant's name (see `faults`). */
  fault?: string;
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** Gateway-specific sandbox policies (e.g. Lesspay's payoutsSettle); a mock ignores those it does not know. */
  [policy: string]: unknown;
}

export interface RunningMock {
  url: string;
  /** The test credentials as a person configures them (file paths where the gateway uses key files). */
  credentials: Record<string, string>;
  /** The same credentials as a client signs with them (key contents, not paths). */
  clientCredentials: Record<string, string>;
  close(): Promise<void>;
}

/** What each mock's entry (mocks/<gateway>/index.ts) exports as `mock`. */
export interface GatewayMock {
  gateway: 'lesspay' | 'payloco';
  /** Conformant variants: every one passes every check. */
  variants: readonly string[];
  /** Fault variants by name. */
  faults: Readonly<Record<string, FaultInfo>>;
  start(opts?: StartOptions): Promise<RunningMock>;
}
