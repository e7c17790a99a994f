import { CheckFailure, CheckSkipped, SetupError } from '../core/outcome.js';
import type { CheckResult, Exchange, Gateway } from '../core/results.js';
import { type AuthMode, type Credentials, gatewayModel } from '../gateways/index.js';
import { Breakers } from './breaker.js';
import { type CatalogueEntry, catalogue } from './catalogue.js';
import type { PageRequest, PageResponse, PaymentDriver, PayoutDriver } from './drivers.js';
import { requestEvidence, responseEvidence } from './evidence.js';
import type { Generation } from './generation.js';
import { type HttpResponse, TransportError } from './http.js';
import { RunIds } from './ids.js';
import { DEFAULT_MAX_WAIT_MS, WaitBudget } from './retry-after.js';
import { type SetupRun, Setups } from './setups.js';
import type { Throttle } from './throttle.js';
import { exchangeWith, sendOnce } from './transport.js';
import { CheckWebhooks } from './webhook-check.js';
import type { WebhookAccess } from './webhook-session.js';

export interface RunConfig {
  gateway: Gateway;
  baseUrl: string;
  credentials: Credentials;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Longest Retry-After (429/503) honoured before the exchange counts as an error. */
  retryAfterCapMs: number;
  /**
   * Total time the run may spend waiting on the target's Retry-After (429/503) (--max-wait); when a wait would go
   * past it the run stops as a setup error. Undefined: 30 s.
   */
  maxWaitMs?: number;
  /** Declared capabilities; undefined means the target supports everything the profile covers. */
  capabilities?: Set<string>;
  /** Tag that makes ids created by this run unique (request_id, merchantOrderId). */
  runTag: string;
  /** The run's webhook receiver for this target, or why there is none (undefined: none). */
  webhooks?: WebhookAccess;
  /** How lifecycle checks finish payments on the target (--driver); undefined: the auto driver. */
  driver?: PaymentDriver;
  /** How a payout that waits for a person's review is approved (--payout-driver); undefined: none. */
  payoutDriver?: PayoutDriver;
  /** A line for the person running paycert (a driver's instructions, what the run waits for). */
  say?: (line: string, opts?: { transient?: boolean }) => void;
  /** Seed and budget of the generated checks (src/generate); undefined: seed 0, default budget. */
  generation?: Generation;
}

export interface ProbeRequest {
  method?: string;
  path: string;
  /** An object is sent as JSON; a string is sent as is (malformed bodies). */
  body?: Record<string, unknown> | string;
  /** Appended to the URL as a query string. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  auth?: AuthMode;
}

export interface ProbeResponse extends HttpResponse {
  /** The JSON body when it is an object, for convenient field access. */
  body: Record<string, any> | undefined;
}

export type SetupFn<T> = (t: CheckContext) => Promise<T>;

/** Shared state a group of checks needs, created once per run through the target's public API. */
export interface Setup<T> {
  name: string;
  fn: SetupFn<T>;
}

/**
 * The state of one gateway's run: configuration, politeness, shared setups and the evidence log. Each concern is a
 * module of its own (ids, breaker, retry-after, setups); this class holds one of each for the run.
 */
export class RunState {
  readonly results = new Map<string, CheckResult>();
  /** Checks registered by the loaded probe files, in registration order. */
  readonly registered: CatalogueEntry[] = [];
  /** Ends a running check with an error (an exception no check's promise caught arrived while it ran). */
  readonly inFlight = new Set<(err: unknown) => void>();
  onResult?: (result: CheckResult) => void;
  /** Called with each check the request budget (--max-requests) left unrun. */
  onStarved?: (checkId: string) => void;
  private readonly setups = new Setups<CheckContext>();
  private readonly ids: RunIds;
  private readonly breakers = new Breakers();
  private readonly waits: WaitBudget;

  constructor(
    readonly config: RunConfig,
    readonly throttle: Throttle,
    readonly selects: (entry: CatalogueEntry) => boolean,
    readonly checkDeadlineMs: number,
  ) {
    this.ids = new RunIds(config.runTag, () => catalogue(config.gateway).checks.map((e) => e.id));
    this.waits = new WaitBudget(config.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  }

  get targetDown(): string | undefined {
    return this.breakers.targetDown;
  }

  /** A new id unique to this run and the same on every run: see RunIds. */
  nextId(prefix: string, maxLength: number, owner = ''): string {
    return this.ids.next(prefix, maxLength, owner);
  }

  /** Why the run stopped: the target kept refusing requests with 429/503 past the wait budget (--max-wait). */
  get waitExhausted(): string | undefined {
    return this.waits.exhausted;
  }

  /** Counts a 429/503 answer with Retry-After. */
  noteRefusal(): void {
    this.waits.noteRefusal();
  }

  /**
   * Books a wait of `ms` against the run's budget. Returns false, and stops the run, when the wait would go past the
   * budget: a target that refuses everything then ends within --max-wait instead of once per check.
   */
  reserveWait(ms: number): boolean {
    if (this.waits.reserve(ms)) return true;
    if (this.waits.exhausted) this.breakers.trip(this.waits.exhausted);
    return false;
  }

  /** Why exchanges with this path end at once: the whole target or this endpoint stopped answering. */
  downFor(path: string): string | undefined {
    return this.breakers.downFor(path);
  }

  /** An exchange with `path` ended: answered (`ok`) or failed; see Breakers. */
  noteTransport(path: string, ok: boolean, err?: TransportError): void {
    this.breakers.note(path, ok, err);
  }

  setupFor<T>(setup: Setup<T>, make: () => CheckContext): SetupRun<T> {
    return this.setups.runOf(setup, make);
  }

  /** Whether a setup has been started in this run. */
  started(setup: Setup<unknown>): boolean {
    return this.setups.has(setup);
  }
}

/** What a probe sees: the target through one narrow seam, plus helpers to skip and share state. */
export class CheckContext {
  readonly evidence: Exchange[] = [];
  readonly notes: string[] = [];
  private hooks?: CheckWebhooks;

  constructor(
    readonly run: RunState,
    readonly checkId: string,
  ) {}

  /** The run's webhook receiver: notify URLs and the callbacks they received (skips when none runs). */
  get webhooks(): CheckWebhooks {
    this.hooks ??= new CheckWebhooks(this.run.config.webhooks, this.gateway, this.evidence);
    return this.hooks;
  }

  get gateway(): Gateway {
    return this.run.config.gateway;
  }

  get baseUrl(): string {
    return this.run.config.baseUrl;
  }

  get credentials(): Credentials {
    return this.run.config.credentials;
  }

  /** A new id unique to this run, e.g. a request_id (Lesspay allows 20 characters); the same on every run. */
  uniqueId(prefix = 'PC', maxLength = 20): string {
    return this.run.nextId(prefix, maxLength, this.checkId);
  }

  skip(reason: string): never {
    throw new CheckSkipped(reason);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  hasCapability(name: string): boolean {
    return !this.run.config.capabilities || this.run.config.capabilities.has(name);
  }

  /** Whether the target declares a trait of its own (e.g. payout-manual-review); no capabilities file declares none. */
  declares(name: string): boolean {
    return this.run.config.capabilities?.has(name) === true;
  }

  /** The check does not apply to this target, for a reason it declared: skipped, and not counted against the verdict. */
  notApplicable(reason: string): never {
    throw new CheckSkipped(reason, true);
  }

  /** Runs a shared setup once per run; its exchanges and notes are added to this check's evidence and message. */
  async use<T>(setup: Setup<T>): Promise<T> {
    const hit = this.run.setupFor(setup, () => new CheckContext(this.run, `setup:${setup.name}`));
    const keep = () => {
      this.evidence.push(...hit.evidence);
      for (const n of hit.notes) if (!this.notes.includes(n)) this.notes.push(n);
    };
    try {
      const value = await hit.promise;
      keep();
      return value;
    } catch (err) {
      keep();
      if ((err as Error)?.name === 'TransportError') throw err;
      // The root cause travels with the error: the check that judges the precondition and the innermost reason.
      const inner = err as Partial<SetupError> & Error;
      throw new SetupError(
        `setup "${setup.name}" failed: ${inner?.message}`,
        inner?.name === 'SetupError' ? inner.blockedBy : undefined,
        inner?.name === 'SetupError' && inner.reason
          ? inner.reason
          : `setup "${setup.name}" failed: ${inner?.message}`,
      );
    }
  }

  /**
   * Starts setups now, without waiting for them, when a check that uses them is selected: lifecycles that wait for
   * callbacks then wait side by side instead of one after another.
   */
  begin(setups: Setup<unknown>[], forChecks: string[]): void {
    const wanted = catalogue(this.gateway).checks.some(
      (e) => forChecks.includes(e.id) && this.run.selects(e),
    );
    if (!wanted) return;
    for (const s of setups)
      if (!this.run.started(s)) this.run.setupFor(s, () => new CheckContext(this.run, `setup:${s.name}`));
  }

  /**
   * A request to a payment page on behalf of a driver: an absolute URL, never with credentials, with the run's
   * deadline and politeness, recorded as evidence like any exchange.
   */
  async page(req: PageRequest): Promise<PageResponse> {
    const body = req.form ? new URLSearchParams(req.form).toString() : undefined;
    const headers: Record<string, string> = {
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...req.headers,
    };
    const httpReq = { method: req.method, url: req.url, headers, body };
    const exchange = this.record(httpReq);
    const res = await sendOnce(this.run, httpReq, exchange);
    this.keepResponse(exchange, res);
    return { status: res.status, headers: res.headers, text: res.text, url: req.url };
  }

  post(path: string, body: Record<string, unknown> | string, opts: Omit<ProbeRequest, 'path' | 'body'> = {}) {
    return this.request({ ...opts, path, body });
  }

  async request(req: ProbeRequest): Promise<ProbeResponse> {
    const { config } = this.run;
    const adapter = gatewayModel(config.gateway).adapter;
    const raw =
      req.body === undefined ? '' : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const parsed = typeof req.body === 'object' ? req.body : undefined;
    const url = new URL(config.baseUrl.replace(/\/+$/, '') + req.path);
    const endpoint = url.pathname;
    const down = this.run.downFor(endpoint);
    if (down) throw new TransportError('connection', down);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const method = req.method ?? 'POST';
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...adapter.authHeaders(config.credentials, raw, parsed, req.auth ?? 'valid'),
      ...req.headers,
    };
    const httpReq = { method, url: url.href, headers, body: req.body === undefined ? undefined : raw };
    // Signed as the docs say, unless the probe chose another auth mode or set the signature header itself.
    const signer = adapter.replaySignature(raw, parsed);
    const ownSignature = Object.keys(req.headers ?? {}).some((k) => k.toLowerCase() === signer.header);
    const exchange = this.record(
      httpReq,
      (req.auth ?? 'valid') === 'valid' && !ownSignature ? signer : undefined,
    );
    const res = await exchangeWith(this.run, endpoint, httpReq, exchange, (r) =>
      this.keepResponse(exchange, r),
    );
    const body =
      res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json) ? res.json : undefined;
    return { ...res, body: body as Record<string, any> | undefined };
  }

  private keepResponse(exchange: Exchange, res: HttpResponse): void {
    exchange.response = responseEvidence(res, this.secretHeaders());
  }

  private secretHeaders(): ReadonlySet<string> {
    return new Set(gatewayModel(this.gateway).adapter.secretHeaders);
  }

  private record(
    req: { method: string; url: string; headers: Record<string, string>; body?: string },
    signer?: { header: string; shell: string },
  ): Exchange {
    const exchange = requestEvidence(req, this.secretHeaders(), signer);
    this.evidence.push(exchange);
    return exchange;
  }
}

export { CheckFailure };
