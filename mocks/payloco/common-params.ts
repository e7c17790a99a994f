import { codes } from './codes.js';
import type { GatewayKeys } from './credentials.js';
import { fail } from './envelope.js';
import { rsaVerify } from './signing.js';
import type { Answer, Behaviour, Json } from './types.js';

export interface Admitted {
  params: Json;
  merchantId: string;
  /** The request signature verified, so the response is signed (webhooks/signature). */
  verified: boolean;
  /** Only under a fault: the signature failed but the request is processed before the failure is reported. */
  lateRejection?: Answer;
}

export type GateResult =
  | { admitted: Admitted; rejected?: undefined }
  | { rejected: Answer; admitted?: undefined };

export interface IncomingCall {
  raw: Buffer;
  /** The request-target's query string, parsed when asked: only a fault reads it. */
  query: () => URLSearchParams;
  signature: string | undefined;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The common request parameters (P4), the body-only rule (P5) and the request signature (P6), in that order. */
export function admit(call: IncomingCall, behaviour: Behaviour, keys: GatewayKeys): GateResult {
  const parsed = parseParams(call, behaviour);
  if ('rejected' in parsed) return parsed;
  const { params, fromQuery } = parsed;

  let merchantId: string;
  if (nonEmpty(params.merchantId)) merchantId = params.merchantId;
  else if (behaviour.requireMerchantId) {
    return {
      rejected: fail(codes.missingSystemParams, 'Missing system parameters', 'merchantId is required'),
    };
  } else merchantId = keys.merchants.keys().next().value as string;
  const merchantKey = keys.merchants.get(merchantId);
  if (!merchantKey) return { rejected: fail(codes.unknownMerchant, 'Merchant does not exist') };

  const verified =
    !fromQuery && call.signature !== undefined && signatureMatches(call, behaviour, merchantKey);
  let lateRejection: Answer | undefined;
  // The docs say an empty body needs no signature; the only way to get here with one is a fault.
  if (!verified && !fromQuery && behaviour.enforceSignature) {
    const detail =
      call.signature === undefined ? 'signature header is missing' : 'signature does not match the body';
    const rejection = fail(
      codes.signature,
      'Signature verification failed',
      detail,
      behaviour.authFailureHttpStatus,
    );
    if (!behaviour.createOnBadSignature) return { rejected: rejection };
    lateRejection = rejection;
  }

  const invalid = checkSystemParams(params, behaviour);
  if (invalid) return { rejected: invalid };
  return { admitted: { params, merchantId, verified, lateRejection } };
}

function parseParams(
  call: IncomingCall,
  behaviour: Behaviour,
): { params: Json; fromQuery: boolean } | { rejected: Answer } {
  const text = call.raw.toString('utf8');
  let params: unknown = {};
  if (text.trim() !== '') {
    try {
      params = JSON.parse(text);
    } catch {
      return { rejected: fail(codes.badJson, 'Request body is not valid JSON') };
    }
    if (!isObject(params)) return { rejected: fail(codes.badJson, 'Request body is not a JSON object') };
  }
  const bodyless = Object.keys(params as Json).length === 0;
  // Only under the query-string-params-accepted fault: an empty body ("" or {}) borrows the query string.
  const query = bodyless && behaviour.acceptQueryStringParams ? call.query() : undefined;
  if (query && query.size > 0) {
    return { params: Object.fromEntries(query), fromQuery: true };
  }
  if (bodyless) {
    return {
      rejected: fail(
        codes.missingSystemParams,
        'Missing system parameters',
        'For POST requests all parameters must be placed in the request body, not in the query string',
      ),
    };
  }
  return { params: params as Json, fromQuery: false };
}

function signatureMatches(
  call: IncomingCall,
  behaviour: Behaviour,
  key: Parameters<typeof rsaVerify>[2],
): boolean {
  const signed =
    behaviour.signatureInput === 'raw'
      ? call.raw
      : Buffer.from(JSON.stringify(JSON.parse(call.raw.toString('utf8'))));
  return rsaVerify(signed, call.signature ?? '', key, behaviour.signatureHash);
}

function checkSystemParams(params: Json, behaviour: Behaviour): Answer | undefined {
  const versionLeftOut = params.version === undefined && !behaviour.requireVersion;
  if (behaviour.checkVersion && params.version !== '2.0.0' && !versionLeftOut) {
    return fail(
      codes.version,
      'Unsupported version: only 2.0.0 is accepted',
      `version: ${String(params.version)}`,
    );
  }
  const { charset, signType, keyVersion, requestTime } = params;
  // charset and signType are "Yes" in the public-body table; requestTime and keyVersion are "Yes" there too, but
  // the v1 examples leave them out, so they stay optional (digest §10 item 9).
  for (const name of ['charset', 'signType'])
    if (params[name] === undefined || params[name] === null || params[name] === '')
      return fail(codes.missingSystemParams, 'Missing system parameters', `${name} is required`);
  if (!(typeof charset === 'string' && /^utf-?8$/i.test(charset))) {
    return fail(codes.unsupportedParam, 'Unsupported charset', 'charset must be UTF-8');
  }
  if (signType !== 'RSA') {
    return fail(codes.unsupportedParam, 'Unsupported signType', 'signType must be RSA');
  }
  for (const name of ['memberId', 'keyVersion', 'transType', 'accessType', 'requestTime'])
    if (params[name] !== undefined && (typeof params[name] !== 'string' || params[name] === ''))
      return fail(codes.format, `Format error-${name} must be a non-empty string`);
  if (keyVersion !== undefined && keyVersion !== '1') {
    return fail(codes.unsupportedParam, 'Unsupported keyVersion', 'keyVersion must be 1');
  }
  if (
    requestTime !== undefined &&
    !behaviour.unchecked.includes('requestTime') &&
    !isDateTime(requestTime as string)
  ) {
    return fail(codes.format, 'Format error-requestTime must be an RFC 3339 date-time');
  }
  return undefined;
}

function isDateTime(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text) &&
    !Number.isNaN(Date.parse(text))
  );
}
