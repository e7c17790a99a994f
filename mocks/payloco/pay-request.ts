import { codes } from './codes.js';
import { fail } from './envelope.js';
import type { Answer, Json, Unchecked } from './types.js';

export interface PayDraft {
  merchantOrderId: string;
  transAmt: string;
  currency: string;
  notifyUrl?: string;
  payMode?: string;
  authCode?: string;
  /** payMethod reported for an order that is neither active QR nor MICROPAY. */
  directMethod: string;
}

const amountPattern = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

const formatError = (field: string, problem: string) =>
  fail(codes.format, `Format error-${field} ${problem}`);

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** v1: business fields at the top level, transAmt a string in major units ("20.01"). */
export function readPayV1(params: Json, unchecked: readonly Unchecked[] = []): PayDraft | Answer {
  const amount = params.transAmt;
  if (!present(amount)) return formatError('transAmt', 'cannot be empty');
  if (typeof amount !== 'string' || (!unchecked.includes('amount') && !isPositiveAmount(amount))) {
    return formatError('transAmt', 'must be a string holding a positive decimal amount');
  }
  const directMethod = isObject(params.payMethodInfo) ? 'CARD' : 'DIRECT';
  return readCommon(params, params, amount, directMethod, unchecked);
}

/** v2: business fields nested in data; the docs' example sends totalAmount as the JSON number 10.01. */
export function readPayV2(params: Json, unchecked: readonly Unchecked[] = []): PayDraft | Answer {
  const data = params.data;
  if (!isObject(data)) return formatError('data', 'cannot be empty');
  const amount = data.totalAmount;
  if (!present(amount)) return formatError('totalAmount', 'cannot be empty');
  const text = typeof amount === 'number' && Number.isFinite(amount) ? String(amount) : amount;
  if (typeof text !== 'string' || (!unchecked.includes('amount') && !isPositiveAmount(text))) {
    return formatError('totalAmount', 'must be a positive decimal amount');
  }
  const detail = isObject(data.paymentDetail) ? data.paymentDetail : {};
  const directMethod = typeof detail.paymentMethodType === 'string' ? detail.paymentMethodType : 'DIRECT';
  const urls = { ...data, notifyUrl: data.notifyUrl ?? params.notifyUrl };
  return readCommon(data, urls, text, directMethod, unchecked);
}

function readCommon(
  fields: Json,
  urls: Json,
  transAmt: string,
  directMethod: string,
  unchecked: readonly Unchecked[],
): PayDraft | Answer {
  const { merchantOrderId, currency, payMode, authCode } = fields;
  if (!present(merchantOrderId)) return formatError('merchantOrderId', 'cannot be empty');
  if (typeof merchantOrderId !== 'string' || merchantOrderId.length > 64) {
    return formatError('merchantOrderId', 'must be a string of at most 64 characters');
  }
  if (!present(currency)) return formatError('currency', 'cannot be empty');
  if (typeof currency !== 'string' || (!unchecked.includes('currency') && !/^[A-Z]{3}$/.test(currency))) {
    return formatError('currency', 'must be an ISO 4217 alphabetic code');
  }
  const notifyUrl = urls.notifyUrl;
  const url = (v: unknown) => typeof v === 'string' && (unchecked.includes('urls') || isHttpUrl(v));
  if (present(notifyUrl) && !url(notifyUrl)) return formatError('notifyUrl', 'must be an http(s) URL');
  if (present(urls.redirectUrl) && !url(urls.redirectUrl))
    return formatError('redirectUrl', 'must be an http(s) URL');
  for (const name of ['payMethodInfo', 'address', 'customer', 'paymentDetail'])
    if (fields[name] !== undefined && fields[name] !== null && !isObject(fields[name]))
      return formatError(name, 'must be an object');
  if (present(payMode) && typeof payMode !== 'string') return formatError('payMode', 'must be a string');
  if (present(authCode) && typeof authCode !== 'string') return formatError('authCode', 'must be a string');
  return {
    merchantOrderId,
    transAmt,
    currency,
    notifyUrl: present(notifyUrl) ? (notifyUrl as string) : undefined,
    payMode: present(payMode) ? (payMode as string) : undefined,
    authCode: present(authCode) ? (authCode as string) : undefined,
    directMethod,
  };
}

function isPositiveAmount(text: string): boolean {
  return amountPattern.test(text) && Number(text) > 0;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
