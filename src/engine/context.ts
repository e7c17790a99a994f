import { clip } from '../core/evidence.js';
import { CheckFailure, CheckSkipped, SetupError } from '../core/outcome.js';
import { REDACTED, redactText } from '../core/redact.js';
import type { CheckResult, Exchange, Gateway } from '../core/results.js';
import { shellQuote } from '../core/shell.js';
import type { PayoutDriver } from '../drivers/payout.js';
import type { PageRequest, PageResponse, PaymentDriver } from '../drivers/types.js';
import { type AuthMode, type Credentials, gatewayModel } from '../gateways/index.js';
import type { Generation } from '../generate/generation.js';
import { CheckWebhooks } from '../webhooks/check.js';
import type { WebhookAccess } from '../webhooks/session.js';
import { type CatalogueEntry, catalogue } from './catalogue.js';
import { type HttpRequest, type HttpResponse, send, TransportError } from './http.js';
import type { Throttle } from './throttle.js';

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

export const DEFAULT_MAX_WAIT_MS = 30_000;

// Consecutive transport failures after which the target counts as down and remaining checks end at once.
const BREAKER_LIMIT = 4;
// Id suffix: 4 base-36 characters name the check or setup, 2 count its ids.
const OWNER_CODE_SPACE = 36 ** 4;
const CHECK_CODES = 36 ** 2;
const ID_COUNTER_SPACE = 36 ** 2;

/** The state of one gateway's run: configuration, politeness, shared setups and the evidence log. */
export class RunState {
  readonly results = new Map<string, CheckResult>();
  /** Checks registered by the loaded probe files, in registration order. */
  readonly registered: CatalogueEntry[] = [];
  /** Ends a running check with an error (an exception no check's promise caught arrived while it ran). */
  readonly inFlight = new Set<(err: unknown) => void>();
  onResult?: (result: CheckResult) => void;
  private readonly setups = new Map<
    Setup<unknown>,
    { promise: Promise<unknown>; evidence: Exchange[]; notes: string[] }
  >();
  private readonly idCounters = new Map<string, number>();
  private readonly ownerCodes = new Map<string, number>();
  private readonly usedCodes = new Set<number>();
  private checkIndex?: Map<string, number>;
  private consecutiveTransportErrors = 0;
  /** Whether the current run of failures hit an endpoint that had answered before in this run. */
  private streakHitAnswered = false;
  private downReason: string | undefined;
  private readonly pathFailures = new Map<string, number>();
  private readonly pathDown = new Map<string, string>();
  private readonly answered = new Set<string>();
  /** Answers that were 429/503 with Retry-After, the first one's time, and the wall time spent waiting on them. */
  private refusals = 0;
  private firstRefusalAt = 0;
  private waitedMs = 0;
  private waitEndsAt = 0;
  private waitReason: string | undefined;

  constructor(
    readonly config: RunConfig,
    readonly throttle: Throttle,
    readonly selects: (entry: CatalogueEntry) => boolean,
    readonly checkDeadlineMs: number,
  ) {}

  get targetDown(): string | undefined {
    return this.downReason;
  }

  /**
   * A new id unique to this run: prefix, run tag, a code of the check (or setup) asking and its own counter. Ids do
   * not depend on how the lanes interleave (a run-wide counter did), so the same target gives the same evidence.
   */
  nextId(prefix: string, maxLength: number, owner = ''): string {
    const n = this.idCounters.get(owner) ?? 0;
    if (n >= ID_COUNTER_SPACE) throw new Error(`${owner} asked for more than ${ID_COUNTER_SPACE} ids`);
    this.idCounters.set(owner, n + 1);
    const id = `${prefix}${this.config.runTag}${this.ownerCode(owner).toString(36).padStart(4, '0')}${n.toString(36).padStart(2, '0')}`;
    if (id.length > maxLength) throw new Error(`id ${id} is longer than ${maxLength}`);
    return id;
  }

  // Checks are numbered by their place in the catalogue; setups and anything else get a code hashed from their name
  // above that range (probing on the rare collision, so ids stay unique).
  private ownerCode(owner: string): number {
    let code = this.ownerCodes.get(owner);
    if (code !== undefined) return code;
    this.checkIndex ??= new Map(catalogue(this.config.gateway).checks.map((e, i) => [e.id, i]));
    code = this.checkIndex.get(owner);
    if (code === undefined) {
      const range = OWNER_CODE_SPACE - CHECK_CODES;
      let h = 0x811c9dc5;
      for (let i = 0; i < owner.length; i++) h = Math.imul(h ^ owner.charCodeAt(i), 0x01000193) >>> 0;
      code = CHECK_CODES + (h % range);
      while (this.usedCodes.has(code)) code = CHECK_CODES + ((code - CHECK_CODES + 1) % range);
    }
    this.usedCodes.add(code);
    this.ownerCodes.set(owner, code);
    return code;
  }

  /** Why the run stopped: the target kept refusing requests with 429/503 past the wait budget (--max-wait). */
  get waitExhausted(): string | undefined {
    return this.waitReason;
  }

  /** Counts a 429/503 answer with Retry-After. */
  noteRefusal(): void {
    if (this.refusals++ === 0) this.firstRefusalAt = performance.now();
  }

  /**
   * Books a wait of `ms` against the run's budget. Lanes that wait at the same time share the wall clock, so the
   * budget counts the union of the waits, not their sum. Returns false, and stops the run, when the wait would go
   * past the budget: a target that refuses everything then ends within --max-wait instead of once per check.
   */
  reserveWait(ms: number): boolean {
    if (this.waitReason) return false;
    const budget = this.config.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    const now = performance.now();
    const end = now + ms;
    const added = Math.max(0, end - Math.max(now, this.waitEndsAt));
    if (this.waitedMs + added > budget) {
      const seconds = (x: number) => `${Math.round(x / 100) / 10} s`;
      this.waitReason = `the target refused ${this.refusals} requests with 429/503 for ${seconds(now - this.firstRefusalAt)} (waiting on its Retry-After would pass the ${seconds(budget)} budget of --max-wait)`;
      this.downReason ??= this.waitReason;
      return false;
    }
    this.waitedMs += added;
    this.waitEndsAt = Math.max(this.waitEndsAt, end);
    return true;
  }

  /** Why exchanges with this path end at once: the whole target or this endpoint stopped answering. */
  downFor(path: string): string | undefined {
    return this.downReason ?? this.pathDown.get(path);
  }

  // Two breakers. An endpoint (path) that fails BREAKER_LIMIT exchanges in a row is down: later exchanges with it
  // end at once, so a hanging endpoint costs at most BREAKER_LIMIT timeouts, however many checks use it. The whole
  // target is down when BREAKER_LIMIT exchanges in a row fail and one of them is on an endpoint that answered
  // earlier in the run (the target went away). Endpoints that never answered trip only their own breaker, so the
  // checks of healthy endpoints keep their true status.
  noteTransport(path: string, ok: boolean, err?: TransportError): void {
    if (ok) {
      this.consecutiveTransportErrors = 0;
      this.streakHitAnswered = false;
      this.pathFailures.set(path, 0);
      this.answered.add(path);
      return;
    }
    const failures = (this.pathFailures.get(path) ?? 0) + 1;
    this.pathFailures.set(path, failures);
    if (failures >= BREAKER_LIMIT && !this.pathDown.has(path)) {
      this.pathDown.set(
        path,
        `endpoint ${path} stopped answering: ${BREAKER_LIMIT} exchanges in a row failed (last: ${err?.message})`,
      );
    }
    this.consecutiveTransportErrors++;
    if (this.answered.has(path)) this.streakHitAnswered = true;
    if (this.consecutiveTransportErrors >= BREAKER_LIMIT && this.streakHitAnswered && !this.downReason) {
      this.downReason = `target stopped answering: ${BREAKER_LIMIT} exchanges in a row failed (last: ${err?.message})`;
    }
  }

  setupFor<T>(
    setup: Setup<T>,
    make: () => CheckContext,
  ): { promise: Promise<T>; evidence: Exchange[]; notes: string[] } {
    let hit = this.setups.get(setup as Setup<unknown>);
    if (!hit) {
      const ctx = make();
      hit = { promise: setup.fn(ctx), evidence: ctx.evidence, notes: ctx.notes };
      hit.promise.catch(() => {});
      this.setups.set(setup as Setup<unknown>, hit);
    }
    return hit as { promise: Promise<T>; evidence: Exchange[]; notes: string[] };
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
    const res = await this.sendOnce(httpReq, exchange);
    this.keepResponse(exchange, res);
    return { status: res.status, headers: res.headers, text: res.text, url: req.url };
  }

  post(path: string, body: Record<string, unknown> | string, opts: Omit<ProbeRequest, 'path' | 'body'> = {}) {
    return this.request({ ...opts, path, body });
  }

  async request(req: ProbeRequest): Promise<ProbeResponse> {
    const { config, throttle } = this.run;
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
    let attempt = 0;
    for (;;) {
      let res: HttpResponse;
      try {
        res = await this.sendOnce(httpReq, exchange);
      } catch (err) {
        const te = err as TransportError;
        if (te.kind !== 'budget') this.run.noteTransport(endpoint, false, te);
        throw te;
      }
      const throttled =
        (res.status === 429 || res.status === 503) && res.headers['retry-after'] !== undefined;
      // A throttled answer is not a working endpoint: it must not reset the breakers, or a target that keeps
      // throttling would cost two Retry-After waits for every check of the run.
      if (!throttled) this.run.noteTransport(endpoint, true);
      else this.run.noteRefusal();
      const retryAfter = throttled ? this.retryAfterMs(res) : undefined;
      const waits = retryAfter !== undefined && attempt < 2 && this.run.reserveWait(retryAfter);
      if (waits) {
        attempt++;
        throttle.pauseUntil(Date.now() + retryAfter);
        await new Promise((r) => setTimeout(r, retryAfter));
        if (!this.run.waitExhausted) continue;
      }
      this.keepResponse(exchange, res);
      if (throttled) {
        // Being throttled says nothing about conformance: the check could not run.
        exchange.error = `HTTP ${res.status} with Retry-After ${res.headers['retry-after']} (${
          retryAfter === undefined
            ? `over the ${config.retryAfterCapMs} ms cap`
            : this.run.waitExhausted
              ? 'the run stopped waiting: --max-wait spent'
              : 'still throttled after 2 retries'
        })`;
        const err = new TransportError('other', `target throttled: ${exchange.error}`);
        this.run.noteTransport(endpoint, false, err);
        throw err;
      }
      const body =
        res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json) ? res.json : undefined;
      return { ...res, body: body as Record<string, any> | undefined };
    }
  }

  /** One exchange within the run's budget and politeness; a transport failure is noted on the exchange. */
  private async sendOnce(httpReq: HttpRequest, exchange: Exchange): Promise<HttpResponse> {
    const { config, throttle } = this.run;
    if (!(await throttle.acquire())) {
      exchange.error = 'request budget of the run is spent';
      throw new TransportError('budget', exchange.error);
    }
    try {
      return await send(httpReq, { timeoutMs: config.timeoutMs, maxBodyBytes: config.maxBodyBytes });
    } catch (err) {
      exchange.error = (err as Error).message;
      throw err;
    } finally {
      throttle.release();
    }
  }

  /** The answer as evidence: secret headers masked, secrets in the body redacted, the body capped. */
  private keepResponse(exchange: Exchange, res: HttpResponse): void {
    exchange.response = {
      status: res.status,
      headers: this.redactHeaders(res.headers),
      ...clip(res.text === '' ? null : redactText(res.text)),
      durationMs: res.durationMs,
    };
  }

  private retryAfterMs(res: HttpResponse): number | undefined {
    if (res.status !== 429 && res.status !== 503) return undefined;
    const value = res.headers['retry-after'];
    if (!value) return undefined;
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
    if (!Number.isFinite(ms) || ms > this.run.config.retryAfterCapMs) return undefined;
    return Math.max(0, ms);
  }

  private redactHeaders(h: Record<string, string>): Record<string, string> {
    const secret = new Set(gatewayModel(this.gateway).adapter.secretHeaders);
    return Object.fromEntries(
      Object.entries(h).map(([k, v]) => [k, secret.has(k.toLowerCase()) ? REDACTED : redactText(v)]),
    );
  }

  private record(
    req: {
      method: string;
      url: string;
      headers: Record<string, string>;
      body?: string;
    },
    signer?: { header: string; shell: string },
  ): Exchange {
    const headers = this.redactHeaders(req.headers);
    const body = req.body === undefined ? null : redactText(req.body);
    // A request signed as the docs say replays with its signature computed from the tester's environment, so the
    // line can be pasted; a deliberately wrong signature stays redacted (it is no use to recompute it).
    const signable = signer !== undefined && body === (req.body ?? null);
    const curl = [
      ...(signable ? [`SIG=$(${signer.shell}) &&`] : []),
      'curl -sS',
      `-X ${req.method}`,
      shellQuote(req.url),
      ...Object.entries(headers).map(([k, v]) =>
        signable && k.toLowerCase() === signer.header ? `-H "${k}: $SIG"` : `-H ${shellQuote(`${k}: ${v}`)}`,
      ),
      ...(body !== null ? [`--data-raw ${shellQuote(body)}`] : []),
    ].join(' ');
    const exchange: Exchange = {
      request: { method: req.method, url: req.url, headers, ...clip(body) },
      curl,
    };
    this.evidence.push(exchange);
    return exchange;
  }
}

export { CheckFailure };
