// Hand-written to mirror schemas/paycert/results.schema.json (format paycert-results/1).
// types.spec.ts validates the fixture against the schema and type-checks it against these types,
// so a drift between the two shows up as a failing test or a tsc error.

/** A gateway's name, as its folder in the gateway registry (src/gateways/index.ts) declares it. */
export type Gateway = string;
/** `passed-partial`: nothing judged failed, but the run judged less than the whole profile (a filter, a shard);
 * `interrupted`: a signal stopped the run. */
export type Verdict =
  | 'certified'
  | 'passed-partial'
  | 'not-certified'
  | 'incomplete'
  | 'error'
  | 'interrupted';
export type Status = 'passed' | 'failed' | 'skipped' | 'error';
export type Level = 'MUST' | 'SHOULD';

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  error: number;
  /** MUST checks that failed and are not covered by a known (non-stale) deviation. */
  mustFailed?: number;
  /** SHOULD checks that failed and are not covered by a known (non-stale) deviation. */
  shouldFailed?: number;
  /** MUST checks that could not be judged: errored, or skipped for a reason other than declared capabilities. */
  mustNotJudged?: number;
  /** Checks carrying a non-stale deviation. */
  knownDeviations?: number;
}

export interface SpecRef {
  doc: string;
  section: string;
  url?: string;
  quote?: string;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | null;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | null;
  truncated?: boolean;
  durationMs?: number;
}

export interface HttpExchange {
  request: HttpRequest;
  response?: HttpResponse | null;
  /** Transport failure: timeout, reset, body over the cap. */
  error?: string;
  curl?: string;
}

export interface Deviation {
  reason: string;
  stale?: boolean;
  /** Set when the deviation's expiry date has passed (the date): it no longer excuses the check. */
  expired?: string;
}

export interface Check {
  id: string;
  gateway: Gateway;
  endpoint?: string;
  title: string;
  level: Level;
  reading: string;
  specRef?: SpecRef;
  status: Status;
  durationMs: number;
  message?: string;
  expected?: unknown;
  received?: unknown;
  deviation?: Deviation | null;
  notApplicable?: boolean;
  /** Why a check could not be judged, structured: the check whose failure left it without what it needed, and the
   * innermost reason (a setup's own failure). Reports show such checks once, under that root cause. */
  blockedBy?: { check?: string; reason: string };
  evidence?: HttpExchange[];
}

export interface GatewayResult {
  gateway: Gateway;
  /** Base URL with any credentials removed. */
  target: string;
  targetKind?: 'embedded-mock' | 'remote';
  verdict: Verdict;
  summary: Summary;
  /** Why the gateway could not be certified at all. */
  error?: string;
  /** Something the user should know before trusting the verdict (e.g. the credentials were rejected). */
  warning?: string;
  /** How much of the gateway's profile was judged (see Judged). */
  judged?: Judged;
  /** One line saying what the verdict covers, e.g. "18 of 143 MUST checks judged; not a certification". */
  statement?: string;
}

/** How many of the gateway's MUST checks this result judged. A MUST check counts as judged when it passed or failed,
 * or is excused by name: a known deviation, or not applicable under the declared capabilities. */
export interface Judged {
  must: number;
  /** The MUST checks of the gateway's whole catalogue (profile), whatever the selection. */
  mustTotal: number;
  /** MUST checks excused by a known deviation (judged, named). */
  deviations?: string[];
  /** MUST checks not applicable under the declared capabilities (judged, named). */
  notApplicable?: string[];
}

/** What a run judged and under which settings: the identity of the run, shared by the shards of one run. */
export interface Scope {
  /** The run's identity: --run-id, else the CI pipeline's id, else generated. Shards of one run share it. */
  runId: string;
  /** The gateways asked for (`run lesspay`, `run all`). */
  gateways: Gateway[];
  targets: { gateway: Gateway; target: string; kind: 'embedded-mock' | 'remote'; mock?: string }[];
  profileVersion: string;
  paycertVersion: string;
  /** SHA-256 of each gateway's check catalogue (IDs, levels, readings): which checks "the whole profile" meant. */
  catalogueHash: Partial<Record<Gateway, string>>;
  seed: number;
  budget: number;
  selection: { only: string[]; skip: string[]; shard: string | null };
  /** Capabilities the target declared (--capabilities); null: none declared, everything applies. */
  capabilities: Partial<Record<Gateway, string[]>> | null;
  /** Check IDs listed as known deviations (--deviations). */
  deviations: string[];
  strict: boolean;
  allowIncomplete: boolean;
  /** One line: what the verdict covers. */
  statement: string;
}

export interface Shard {
  index: number;
  total: number;
}

export interface Results {
  format: 'paycert-results/1';
  tool: { name: 'paycert'; version: string };
  profileVersion: string;
  runId: string;
  command?: string;
  startedAt: string;
  finishedAt?: string;
  durationMs: number;
  strict?: boolean;
  /** With --allow-incomplete an `incomplete` verdict exits 0; the verdict itself stays `incomplete`. */
  allowIncomplete?: boolean;
  shard?: Shard | null;
  /** How lifecycle payments were finished (--driver): auto, form:FILE, browser:FILE, command:CMD or manual. */
  driver?: string;
  /** How payouts that wait for a person's review were approved (--payout-driver): manual or command:CMD. */
  payoutDriver?: string;
  /** Seed and budget of the generated checks: `--seed` replays them exactly. */
  generation?: { seed: number; budget: number };
  /** What was judged and under which settings (a `run`; absent from older files and other commands). */
  scope?: Scope;
  /** Set when a signal stopped the run: the checks are those judged before it, the verdict is `interrupted`. */
  interrupted?: { signal: 'SIGINT' | 'SIGTERM'; at: string };
  /**
   * Which checks carry their exchanges in full: `failures` (the default) failed, errored and stale-deviation checks
   * only, the others each exchange's summary (method, URL, status, duration, error); `full` (--evidence full) all.
   */
  evidence?: 'full' | 'failures';
  verdict: Verdict;
  gateways: GatewayResult[];
  summary: Summary;
  /** Set with `--baseline`: this run against the baseline run, and whether `--fail-on` lets it pass. */
  gate?: {
    failOn: 'any' | 'new';
    baseline: string;
    new: string[];
    fixed: string[];
    still: string[];
    passed: boolean;
  };
  checks: Check[];
}

export const RESULTS_SCHEMA_ID = 'paycert/results.schema.json';

/** The names the harness uses for a check's result and a recorded exchange. */
export type CheckResult = Check;
export type Exchange = HttpExchange;
