import type { JsonObject } from './json.js';
import type { Knobs } from './knobs.js';
import { ParamError } from './reply.js';
import { amount, boolean, httpUrl, integer, isAbsent, object, string } from './validate.js';

export interface CreatePayinInput {
  requestId: string;
  productName: string;
  description: string;
  targetAmount: string;
  targetCurrency: string;
  successUrl: string;
  failUrl: string;
  apiVersion: string;
  payAccessType: number;
  notifyUrl: string | null;
  wayType: string | null;
  wayCode: string | null;
  expiredTime: number | null;
}

const CURRENCY = /^[A-Z]{3,5}$/;

/** L7 fields and limits (CreatePayinOrderDTO). Throws ParamError on the first bad field. */
export function validateCreatePayin(body: JsonObject, k: Knobs): CreatePayinInput {
  const requestId = string(body, 'request_id', { required: true, max: k.payinRequestIdMax })!;
  const productName = string(body, 'product_name', { required: true, max: 30 })!;
  const description = string(body, 'description', { required: k.descriptionRequired, max: 50 }) ?? '';
  const targetAmount = amount(body, 'target_amount', {
    code: 11,
    allowNumber: k.amountNumbersAccepted,
    allowZero: k.zeroAmountAccepted,
  });
  const targetCurrency = string(body, 'target_currency', {
    required: true,
    pattern: CURRENCY,
    hint: 'an upper-case currency code such as USD or USDT',
  })!;
  string(body, 'transaction_type', { required: true, oneOf: ['PAY_IN'] });
  const url = { required: true, max: 255, anyScheme: k.nonHttpUrlsAccepted };
  const successUrl = httpUrl(body, 'success_url', url)!;
  const failUrl = httpUrl(body, 'fail_url', url)!;
  const apiVersion = string(body, 'api_version', { required: true })!;
  if (!/^v[12]$/i.test(apiVersion)) throw new ParamError('api_version must be V1 or V2');
  const payAccessType = integer(body, 'pay_access_type', {
    required: true,
    allowString: k.payAccessTypeStringAccepted,
  })!;
  if (payAccessType !== 1 && payAccessType !== 2)
    throw new ParamError('pay_access_type must be 1 (cashier) or 2 (OpenAPI)');
  const notifyUrl = httpUrl(body, 'notify_url', { ...url, required: false }) ?? null;
  const wayType = string(body, 'way_type', { max: 32 }) ?? null;
  const wayCode = string(body, 'way_code', { max: 64 }) ?? null;
  const expiredTime = integer(body, 'expired_time', { min: 1, max: 2_592_000 }) ?? null;
  object(body, 'channel_extra', false);
  string(body, 'transaction_network', {});
  boolean(body, 'use_channel_request_id');
  return {
    requestId,
    productName,
    description,
    targetAmount,
    targetCurrency,
    successUrl,
    failUrl,
    apiVersion: apiVersion.toUpperCase(),
    payAccessType,
    notifyUrl,
    wayType,
    wayCode,
    expiredTime,
  };
}

export interface QueryPayinInput {
  requestId?: string;
  payOrderId?: string;
  page: number;
  pageSize: number;
  startTime?: number;
  endTime?: number;
}

/** Types of the query body (numbers as integers or, per the docs example, numeric strings). */
export function validateQueryPayin(body: JsonObject, k: Knobs): QueryPayinInput {
  // Each rule written whole: `{ ...num, min: 1 }` redefines a copied member, V8's slow path, on every query.
  const allowString = k.queryStringNumbersAccepted;
  const allowNumber = k.queryIntegerNumbersAccepted;
  const page = integer(body, 'page', { allowString, allowNumber, min: 1 }) ?? 1;
  const pageSize = integer(body, 'page_size', { allowString, allowNumber, min: 1, max: 1000 }) ?? 20;
  const time = { allowString, allowNumber, min: 0 };
  const startTime = integer(body, 'start_time', time);
  const endTime = integer(body, 'end_time', time);
  const requestId = string(body, 'request_id', { max: 64 });
  const payOrderId = isAbsent(body.pay_order_id) ? undefined : string(body, 'pay_order_id', { max: 64 });
  return { requestId, payOrderId, page, pageSize, startTime, endTime };
}
