import type { KeyObject } from 'node:crypto';
import { endpoints } from '../gateways/payloco/endpoints.js';
import { loadPrivateKey, loadPublicKey, paylocoSign, paylocoVerify } from '../signing/payloco.js';
import {
  type ClientTransportOptions,
  isObject,
  parseJson,
  postText,
  type RawAnswer,
  schemaProblems,
} from './transport.js';

// A small Payloco client as an integrator writes one: common request parameters (P4), the `signature` header over
// the exact bytes sent (P6), the unified envelope (P2) and its codes (P3). It relies only on what the seed makes
// certain: "00000000" success, "00000003" accepted and PENDING, anything else a failure; the HTTP status of a
// failure is undocumented, so it reads the envelope whatever the status.

export interface PaylocoClientOptions extends ClientTransportOptions {
  credentials: { merchantId: string; privateKeyPem: string; platformPublicKeyPem?: string };
  /** Verify a response `signature` header when present (default: when a platform public key is given). */
  verifyResponseSignatures?: boolean;
  /** Also fail when a response carries no `signature` header (default false: the header is a SHOULD). */
  requireResponseSignature?: boolean;
  /** Institution id (`memberId`), sent when given. */
  memberId?: string;
  /** Clock for `requestTime` (tests pin it). */
  now?: () => Date;
}

export const PAYLOCO_PATHS = {
  pay: endpoints.pay.path,
  query: endpoints.query.path,
  preAuthVoid: endpoints.preAuthVoid.path,
} as const;

export const SUCCESS = '00000000';
export const PENDING = '00000003';

export type PaylocoStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'CLOSED';

/** The gateway answered with a failure code. */
export class PaylocoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly traceId: string,
    readonly httpStatus: number,
    readonly data: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'PaylocoError';
  }

  get status(): string | undefined {
    return typeof this.data.status === 'string' ? this.data.status : undefined;
  }
}

/** The answer is not the unified envelope, or its response signature does not verify. */
export class PaylocoProtocolError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly problems: string[],
    readonly body: string,
  ) {
    super(message);
    this.name = 'PaylocoProtocolError';
  }
}

export interface PaylocoResult<D = Record<string, unknown>> {
  code: typeof SUCCESS | typeof PENDING;
  message: string;
  traceId: string;
  status: PaylocoStatus;
  data: D & { status: PaylocoStatus };
  /** True when the response carried a signature header that verified with the platform public key. */
  signatureVerified: boolean;
}

export interface PayRequest {
  merchantOrderId: string;
  transAmt: string;
  currency: string;
  payMode?: string;
  authCode?: string;
  transChannel?: string;
  goodsName?: string;
  notifyUrl?: string;
  /** Pass `transType: undefined` to leave it out. */
  transType?: string;
  [extra: string]: unknown;
}

export interface OrderQuery {
  merchantOrderId?: string;
  orderId?: string;
}

export interface PaylocoOrder {
  status: PaylocoStatus;
  merchantOrderId?: string;
  orderId?: string;
  currency?: string;
  transAmt?: string;
  [extra: string]: unknown;
}

const ENVELOPE_SCHEMA = 'payloco/envelope.schema.json';
const STATUSES = ['PENDING', 'SUCCESS', 'FAILED', 'CLOSED'];

/** `2024-05-24T14:29:32.682+08:00`, the docs' form, in the local offset of the clock. */
export function requestTime(d: Date): string {
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 23);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export class PaylocoClient {
  private readonly key: KeyObject;
  private readonly platformKey?: KeyObject;

  constructor(private readonly opts: PaylocoClientOptions) {
    if (!opts.credentials?.merchantId || !opts.credentials?.privateKeyPem)
      throw new TypeError('PaylocoClient needs credentials.merchantId and credentials.privateKeyPem');
    this.key = loadPrivateKey(opts.credentials.privateKeyPem);
    const verify = opts.verifyResponseSignatures ?? opts.credentials.platformPublicKeyPem !== undefined;
    if (verify) {
      if (!opts.credentials.platformPublicKeyPem)
        throw new TypeError('verifyResponseSignatures needs credentials.platformPublicKeyPem');
      this.platformKey = loadPublicKey(opts.credentials.platformPublicKeyPem);
    }
  }

  /** v1 pay (P7 active QR, P8 MICROPAY). Resolves on 00000000/00000003, throws PaylocoError otherwise. */
  pay(body: PayRequest): Promise<PaylocoResult> {
    return this.call(PAYLOCO_PATHS.pay, { transType: 'PAY', accessType: 's2s', ...body });
  }

  /** v1 query by merchantOrderId or orderId (P9); returns the order in `data`. */
  query(q: OrderQuery): Promise<PaylocoResult<PaylocoOrder>> {
    return this.call(PAYLOCO_PATHS.query, { transType: 'PAY', accessType: 's2s', ...q }) as Promise<
      PaylocoResult<PaylocoOrder>
    >;
  }

  /** Pre-authorisation void; the docs name no order field, so the caller passes what its contract says. */
  preAuthVoid(body: Record<string, unknown> = {}): Promise<PaylocoResult> {
    return this.call(PAYLOCO_PATHS.preAuthVoid, body);
  }

  /** The common request parameters (P4) a body is completed with. */
  common(): Record<string, unknown> {
    const now = this.opts.now ?? (() => new Date());
    return {
      charset: 'UTF-8',
      version: '2.0.0',
      signType: 'RSA',
      ...(this.opts.memberId ? { memberId: this.opts.memberId } : {}),
      merchantId: this.opts.credentials.merchantId,
      requestTime: requestTime(now()),
      keyVersion: '1',
    };
  }

  private async call(path: string, fields: Record<string, unknown>): Promise<PaylocoResult> {
    // The signature covers the exact bytes sent, so the text is produced once and both signed and sent.
    const text = JSON.stringify({ ...this.common(), ...fields });
    const headers = { 'Content-Type': 'application/json', signature: paylocoSign(text, this.key) };
    const answer = await postText(this.opts, path, text, headers);
    const signatureVerified = this.checkSignature(answer);
    const json = parseJson(answer.text);
    if (json === undefined)
      throw new PaylocoProtocolError(
        `Payloco: HTTP ${answer.status} answer is not JSON`,
        answer.status,
        [],
        answer.text,
      );
    const problems = schemaProblems(ENVELOPE_SCHEMA, json) ?? envelopeInvariants(json);
    if (problems.length)
      throw new PaylocoProtocolError(
        `Payloco: HTTP ${answer.status} answer is not the unified envelope: ${problems[0]}`,
        answer.status,
        problems,
        answer.text,
      );
    const env = json as { code: string; message: string; traceId: string; data: Record<string, unknown> };
    if (env.code !== SUCCESS && env.code !== PENDING)
      throw new PaylocoError(env.code, env.message, env.traceId, answer.status, env.data);
    if (env.code === PENDING && env.data.status !== 'PENDING')
      throw new PaylocoProtocolError(
        'Payloco: code 00000003 without status PENDING',
        answer.status,
        [],
        answer.text,
      );
    return {
      code: env.code,
      message: env.message,
      traceId: env.traceId,
      status: env.data.status as PaylocoStatus,
      data: env.data as PaylocoResult['data'],
      signatureVerified,
    };
  }

  private checkSignature(answer: RawAnswer): boolean {
    if (!this.platformKey) return false;
    const signature = answer.headers.signature;
    if (signature === undefined || signature === '') {
      if (this.opts.requireResponseSignature)
        throw new PaylocoProtocolError(
          'Payloco: response carries no signature header',
          answer.status,
          [],
          answer.text,
        );
      return false;
    }
    if (!paylocoVerify(answer.text, signature, this.platformKey))
      throw new PaylocoProtocolError(
        'Payloco: response signature does not verify with the platform public key',
        answer.status,
        [],
        answer.text,
      );
    return true;
  }
}

/** What P2 promises, checked in code when the envelope schema is not available. */
function envelopeInvariants(json: unknown): string[] {
  if (!isObject(json)) return ['/ must be an object'];
  const out: string[] = [];
  if (typeof json.code !== 'string' || !/^[0-9]{8}$/.test(json.code))
    out.push('/code must be a string of 8 digits');
  if (typeof json.message !== 'string') out.push('/message must be a string');
  if (typeof json.traceId !== 'string' || json.traceId === '')
    out.push('/traceId must be a non-empty string');
  if (!isObject(json.data)) out.push('/data must be an object');
  else if (!STATUSES.includes(json.data.status as string)) out.push('/data/status must be a Payloco status');
  return out;
}
