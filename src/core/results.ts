// Hand-written to mirror schemas/paycert/results.schema.json (format paycert-results/1).
// types.spec.ts validates the fixture against the schema and type-checks it against these types,
// so a drift between the two shows up as a failing test or a tsc error.

export type Gateway = 'lesspay' | 'payloco';
export type Verdict = 'certified' | 'not-certified' | 'incomplete' | 'error';
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
  /** Seed and budget of the generated checks: `--seed` replays them exactly. */
  generation?: { seed: number; budget: number };
  /**
   * Which checks carry their exchanges in full: `failures` (the default) failed, errored and stale-deviation checks
   * only, the others each exchange's summary (method, URL, status, duration, error); `full` (--evidence full) all.
   */
  evidence?: 'full' | 'failures';
  verdict: Verdict;
  gateways: GatewayResult[];
  summary: Summary;
  checks: Check[];
}

export const RESULTS_SCHEMA_ID = 'paycert/results.schema.json';

/** The names the harness uses for a check's result and a recorded exchange. */
export type CheckResult = Check;
export type Exchange = HttpExchange;
