import { endpoints } from '../gateways/lesspay/endpoints.js';
import { lesspaySign } from '../signing/lesspay.js';
import {
  type ClientTransportOptions,
  isObject,
  parseJson,
  postText,
  type RawAnswer,
  schemaProblems,
} from './transport.js';

// A small Lesspay 2.0 client as an integrator writes one: it signs (L3), reads the envelope (L2) and turns a
// non-zero code into a LesspayError. It relies only on what the profile makes certain, so it works against every
// conformant target: code 0 = success; pay-in query data is the order or holds it in an array (L8); order_status
// is a name or an integer; parameter errors come with HTTP 400 or 200 (L6).

export interface LesspayClientOptions extends ClientTransportOptions {
  credentials: { appId: string; appSecret: string };
  /** Clock for X-Auth-Timestamp (tests pin it). */
  now?: () => number;
}

export const LESSPAY_PATHS = {
  createPayin: endpoints.createPayin.path,
  queryPayin: endpoints.queryPayin.path,
  createPayout: endpoints.createPayout.path,
  createBatchPayout: endpoints.createBatchPayout.path,
  queryPayout: endpoints.queryPayout.path,
} as const;

/** The gateway answered with a non-zero code, or refused the request at the HTTP level (401). */
export class LesspayError extends Error {
  constructor(
    /** The envelope's business code; null when the answer carried no envelope (e.g. a bare 401). */
    readonly code: number | null,
    readonly msg: string,
    readonly httpStatus: number,
    readonly data: unknown = null,
  ) {
    super(code === null ? `HTTP ${httpStatus}${msg ? `: ${msg}` : ''}` : `Lesspay code ${code}: ${msg}`);
    this.name = 'LesspayError';
  }
}

/** The answer is not a Lesspay envelope, or lacks what the operation promises: the target is not conformant. */
export class LesspayProtocolError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly problems: string[],
    readonly body: string,
  ) {
    super(message);
    this.name = 'LesspayProtocolError';
  }
}

export interface LesspayEnvelope<T = Record<string, unknown>> {
  code: number;
  msg: string;
  data: T;
}

export type OrderStatus = string | number;

export interface CreatePayinRequest {
  request_id: string;
  product_name: string;
  description: string;
  target_amount: string;
  target_currency: string;
  transaction_type?: 'PAY_IN';
  success_url: string;
  fail_url: string;
  api_version: 'V1' | 'V2';
  pay_access_type: 1 | 2;
  notify_url?: string;
  way_type?: string;
  way_code?: string;
  expired_time?: number;
  channel_extra?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface CreatedPayin {
  pay_order_id: string;
  /** Present for cashier orders (pay_access_type 1). */
  checkout_url?: string;
  [extra: string]: unknown;
}

export interface PayinQuery {
  request_id?: string;
  pay_order_id?: string;
  /** Milliseconds; sent as strings, the docs' form (L8). */
  start_time?: number | string;
  end_time?: number | string;
  page?: number | string;
  page_size?: number | string;
}

export interface PayinOrder {
  pay_order_id: string;
  request_id: string;
  target_amount?: string;
  order_status?: OrderStatus;
  [extra: string]: unknown;
}

export interface PayoutQuery {
  request_id?: string;
  pay_order_id?: string;
}

export interface PayoutOrder {
  pay_order_id: string;
  request_id: string;
  order_status?: OrderStatus;
  total_amount?: string;
  [extra: string]: unknown;
}

type Area = 'pay-in' | 'payout';

const ENVELOPE_SCHEMA: Record<Area, string> = {
  'pay-in': 'lesspay/pay-in-envelope.schema.json',
  payout: 'lesspay/payout-envelope.schema.json',
};

export class LesspayClient {
  constructor(private readonly opts: LesspayClientOptions) {
    if (!opts.credentials?.appId || !opts.credentials?.appSecret)
      throw new TypeError('LesspayClient needs credentials.appId and credentials.appSecret');
  }

  /** Creates a pay-in order (L7); returns `data` with `pay_order_id` (and `checkout_url` for cashier orders). */
  async createPayin(body: CreatePayinRequest): Promise<CreatedPayin> {
    const data = await this.call('pay-in', LESSPAY_PATHS.createPayin, {
      transaction_type: 'PAY_IN',
      ...body,
    });
    const problems: string[] = [];
    if (typeof data.pay_order_id !== 'string' || data.pay_order_id === '')
      problems.push('data.pay_order_id is not a non-empty string');
    if (body.pay_access_type === 1 && !isHttpUrl(data.checkout_url))
      problems.push('data.checkout_url of a cashier order is not an http(s) URL');
    if (problems.length)
      throw this.protocol('create-order answer lacks what L7 promises', 200, problems, data);
    return data as CreatedPayin;
  }

  /**
   * Queries a pay-in order by request_id or pay_order_id (L8) and returns the order, whether `data` is the order
   * itself or holds it in an array (e.g. `data.records`).
   */
  async queryPayin(query: PayinQuery): Promise<PayinOrder> {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) body[k] = typeof v === 'number' ? String(v) : v;
    const data = await this.call('pay-in', LESSPAY_PATHS.queryPayin, body);
    const order = findOrder(data, query);
    if (!order) throw this.protocol('query-order answered code 0 without the queried order', 200, [], data);
    return order as PayinOrder;
  }

  /** Creates a single payout (L10); returns `data`. */
  async createPayout(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call('payout', LESSPAY_PATHS.createPayout, body);
  }

  /** Creates a batch payout (L10); returns `data`. */
  async createBatchPayout(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call('payout', LESSPAY_PATHS.createBatchPayout, body);
  }

  /** Queries a payout by request_id or pay_order_id (L9); returns `data`. */
  async queryPayout(query: PayoutQuery): Promise<PayoutOrder> {
    const body = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    const data = await this.call('payout', LESSPAY_PATHS.queryPayout, body);
    if (typeof data.pay_order_id !== 'string')
      throw this.protocol('payout query answered code 0 without data.pay_order_id', 200, [], data);
    return data as PayoutOrder;
  }

  /** The L3 headers for a body (exported for tools that send their own requests). */
  headers(body: Record<string, unknown>): Record<string, string> {
    const now = this.opts.now ?? Date.now;
    return {
      'Content-Type': 'application/json',
      'x-auth-appid': this.opts.credentials.appId,
      'X-Auth-Timestamp': String(now()),
      'x-auth-signature': lesspaySign(body, this.opts.credentials.appSecret),
    };
  }

  private async call(
    area: Area,
    path: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const answer = await postText(this.opts, path, JSON.stringify(body), this.headers(body));
    if (answer.status === 401) throw authRefusal(answer);
    const envelope = readEnvelope(answer, area);
    if (envelope.code !== 0)
      throw new LesspayError(envelope.code, envelope.msg, answer.status, envelope.data ?? null);
    if (answer.status < 200 || answer.status > 299)
      throw this.protocol(`code 0 with HTTP ${answer.status}`, answer.status, [], envelope);
    if (!isObject(envelope.data))
      throw this.protocol('code 0 without a data object', answer.status, [], envelope);
    return envelope.data;
  }

  private protocol(message: string, status: number, problems: string[], body: unknown): LesspayProtocolError {
    return new LesspayProtocolError(`Lesspay: ${message}`, status, problems, JSON.stringify(body));
  }
}

function readEnvelope(answer: RawAnswer, area: Area): LesspayEnvelope<unknown> {
  const json = parseJson(answer.text);
  if (json === undefined) {
    throw new LesspayProtocolError(
      `Lesspay: HTTP ${answer.status} answer is not JSON`,
      answer.status,
      [],
      answer.text,
    );
  }
  const problems = schemaProblems(ENVELOPE_SCHEMA[area], json) ?? envelopeInvariants(json);
  if (problems.length)
    throw new LesspayProtocolError(
      `Lesspay: HTTP ${answer.status} answer is not a Lesspay envelope: ${problems[0]}`,
      answer.status,
      problems,
      answer.text,
    );
  return json as LesspayEnvelope<unknown>;
}

/** HTTP 401 (L3): an authentication refusal whether or not it carries the envelope it SHOULD carry. */
function authRefusal(answer: RawAnswer): LesspayError {
  const json = parseJson(answer.text);
  const env = isObject(json) ? json : {};
  const code = Number.isInteger(env.code) ? (env.code as number) : null;
  const msg = typeof env.msg === 'string' ? env.msg : answer.text.trim();
  return new LesspayError(code, msg, answer.status, env.data ?? null);
}

/** What L2 promises, checked in code when the envelope schema is not available. */
function envelopeInvariants(json: unknown): string[] {
  if (!isObject(json)) return ['/ must be an object'];
  const out: string[] = [];
  if (!Number.isInteger(json.code)) out.push('/code must be an integer');
  if (typeof json.msg !== 'string') out.push('/msg must be a string');
  if (json.data !== undefined && json.data !== null && !isObject(json.data))
    out.push('/data must be an object or null');
  return out;
}

function matches(candidate: Record<string, unknown>, query: PayinQuery): boolean {
  if (query.request_id !== undefined && candidate.request_id !== query.request_id) return false;
  if (query.pay_order_id !== undefined && candidate.pay_order_id !== query.pay_order_id) return false;
  return typeof candidate.request_id === 'string' || typeof candidate.pay_order_id === 'string';
}

/** The order is `data` itself or an element of an array member of `data` (L8, "one level deep"). */
export function findOrder(
  data: Record<string, unknown>,
  query: PayinQuery,
): Record<string, unknown> | undefined {
  if (matches(data, query)) return data;
  for (const value of Object.values(data)) {
    if (!Array.isArray(value)) continue;
    const hit = value.find((el) => isObject(el) && matches(el, query));
    if (hit) return hit as Record<string, unknown>;
  }
  return undefined;
}

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
