export type Variant = 'a' | 'b' | 'c' | 'd' | 'e';

/**
 * How the wallet page behind qrCode looks (nothing of it is documented): `buttons` one form with Pay and Decline;
 * `select` several forms, a German select and a nonce; `card` French radios and a test card to type in; `script`
 * no form at all, only buttons a script draws (a browser is needed).
 */
export type ScanShape = 'buttons' | 'select' | 'card' | 'script';
export type OrderStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'CLOSED';
/** How the order is paid: active QR (customer scans), MICROPAY (merchant scans the customer's code), or direct. */
export type PayKind = 'QRCODE' | 'MICROPAY' | 'DIRECT';
export type Endpoint = 'pay' | 'payV2' | 'query' | 'preAuthVoid';

export interface Order {
  orderId: string;
  merchantOrderId: string;
  merchantId: string;
  /** The amount as created, always a string (v2 numbers are rendered with String()). */
  transAmt: string;
  currency: string;
  payMethod: string;
  kind: PayKind;
  status: OrderStatus;
  createTime: string;
  completeTime: string | null;
  notifyUrl?: string;
}

export type Json = Record<string, unknown>;

/** What a handler decided; the server turns it into the envelope. */
export interface Answer {
  code: string;
  message: string;
  data: Json & { status: string };
  failure: boolean;
  httpStatus?: number;
  order?: Order;
}

export interface EnvelopeContext {
  endpoint: Endpoint | 'routing';
  failure: boolean;
  order?: Order;
}

export type EnvelopeRewrite = (envelope: Json, ctx: EnvelopeContext) => Json;

/**
 * Every point where the mock's behaviour may vary: the two conformant variants set the choices the profile leaves
 * open, and each fault variant changes exactly one field.
 */
export type Unchecked = 'currency' | 'amount' | 'urls' | 'requestTime' | 'queryId';

export interface Behaviour {
  variant: Variant;
  scanPage: ScanShape;
  basePath: '' | '/gateway';
  contentType: string;
  failureHttpStatus: number;
  authFailureHttpStatus: number;
  methodNotAllowedStatus: number;
  notFoundStatus: number;
  successMessage: string;
  pendingMessage: string;
  voidMessage: string;
  /** Variant b adds envelope and data members the docs do not list. */
  extraMembers: boolean;
  traceId: () => string;
  /** MICROPAY answered PENDING (simulated channel timeout) and settled later. */
  micropayTimesOut: boolean;
  pendingQueryCode: '00000000' | '00000003';
  /** How a query shows the completeTime of an order that has none yet. */
  pendingCompleteTime: 'null' | 'omit';

  signatureInput: 'raw' | 'reserialized';
  /** The digest of the request signature the mock verifies: P6 says SHA256withRSA. */
  signatureHash: 'sha256' | 'sha1';
  enforceSignature: boolean;
  createOnBadSignature: boolean;
  checkVersion: boolean;
  /** A request without version is refused like one with another value (P4); false only under a fault. */
  requireVersion: boolean;
  requireMerchantId: boolean;
  acceptQueryStringParams: boolean;
  requireTransType: boolean;
  /** Also demand transType where the docs' examples carry none (v2 pay, preAuthVoid): only under a fault. */
  transTypeEverywhere: boolean;
  /** Which identifiers a query looks orders up by. */
  queryLookup: { byOrderId: boolean; byMerchantOrderId: boolean };
  transTypeError: { code: string; message: string };
  rejectDuplicates: boolean;
  unknownOrderFails: boolean;
  qrSettlesImmediately: boolean;
  micropayDeclines: boolean;
  serverErrorOnValid: boolean;
  /** Format checks left out, each only under its fault: currency, amount, urls, requestTime, queryId. */
  unchecked: readonly Unchecked[];
  responseSignature: 'valid' | 'invalid';
  rewriteEnvelope: EnvelopeRewrite;

  /**
   * Documented endpoints the gateway lacks (only under a fault), and how it answers them: as an unknown path (HTTP
   * 404), as a path that takes no POST (HTTP 405), or HTTP 200 with the unknown path's code.
   */
  missingEndpoints: Partial<Record<Endpoint, 'not-found' | 'method' | 'code'>>;

  webhookSignature: 'hmac' | 'none' | 'wrong-secret';
  /**
   * What x-signature covers (P10 leaves it open): the body alone, or the x-timestamp value followed by the body,
   * directly or joined with '.'. `stale-timestamp` (a fault) signs another timestamp than the header carries.
   */
  webhookSignedText: 'body' | 'timestamp-body' | 'timestamp-dot-body' | 'stale-timestamp';
  webhookBody: 'event' | 'malformed';
  webhookRetries: boolean;
  webhookStableId: boolean;
  webhookAckNeedsCode: boolean;
}
