import type { MockContext } from './context.js';
import type { JsonObject } from './json.js';
import { businessError, ok, ParamError, paramError, type Reply } from './reply.js';
import { scheduleAutoPay } from './settle.js';
import type { PayinOrder } from './store.js';
import { isAbsent } from './validate.js';
import { type CreatePayinInput, validateCreatePayin, validateQueryPayin } from './validate-payin.js';
import { payinView } from './views.js';

export const NEITHER_ID_MSG = 'mchOrderNo and payOrderId cannot be empty at the same time';
export const TIME_ERROR_MSG = 'Request time error';
export const NOT_FOUND_MSG = 'Order does not exist';

/** An unpaid cashier order past its `expired_time` is closed when next looked at. */
export function refreshExpiry(o: PayinOrder, now = Date.now()): void {
  if (o.status === 'PENDING_PAY' && o.expiredTime !== null && now > o.createdAt + o.expiredTime * 1000) {
    o.status = 'CLOSED';
    o.updatedAt = now;
  }
}

function newOrder(input: CreatePayinInput, ctx: MockContext): PayinOrder {
  const now = Date.now();
  return {
    payOrderId: ctx.ids.next('P', 19),
    requestId: input.requestId,
    targetAmount: input.targetAmount,
    targetCurrency: input.targetCurrency,
    productName: input.productName,
    description: input.description,
    successUrl: input.successUrl,
    failUrl: input.failUrl,
    notifyUrl: input.notifyUrl,
    wayType: input.wayType,
    wayCode: input.wayCode,
    apiVersion: input.apiVersion,
    payAccessType: input.payAccessType,
    expiredTime: input.expiredTime,
    status: 'PENDING_PAY',
    createdAt: now,
    updatedAt: now,
    completeTime: null,
    errorCode: null,
    errorMsg: null,
  };
}

/** What an invalid request leaves behind when a fault variant stores it anyway. */
function looseInput(body: JsonObject): CreatePayinInput | undefined {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : String(body[k] ?? ''));
  if (isAbsent(body.request_id)) return undefined;
  return {
    requestId: s('request_id'),
    productName: s('product_name'),
    description: s('description'),
    targetAmount: s('target_amount'),
    targetCurrency: s('target_currency'),
    successUrl: s('success_url'),
    failUrl: s('fail_url'),
    apiVersion: s('api_version') || 'V2',
    payAccessType: Number(s('pay_access_type')) || 1,
    notifyUrl: null,
    wayType: null,
    wayCode: null,
    expiredTime: null,
  };
}

function createData(o: PayinOrder, ctx: MockContext): Record<string, unknown> {
  const data: Record<string, unknown> = { pay_order_id: o.payOrderId, request_id: o.requestId };
  if (o.payAccessType === 1) data.checkout_url = `${ctx.baseUrl}/checkout/${o.payOrderId}`;
  data.order_status = ctx.variant === 'a' ? o.status : 1;
  if (ctx.variant === 'b') {
    data.target_amount = o.targetAmount;
    data.target_currency = o.targetCurrency;
    data.expired_at = o.expiredTime === null ? null : o.createdAt + o.expiredTime * 1000;
  }
  return data;
}

export function createPayin(body: JsonObject, ctx: MockContext): Reply {
  const k = ctx.knobs;
  let input: CreatePayinInput;
  try {
    input = validateCreatePayin(body, k);
  } catch (e) {
    if (!(e instanceof ParamError)) throw e;
    const loose = k.createOnParamError ? looseInput(body) : undefined;
    if (loose && !ctx.store.payinByRequestId(loose.requestId)) ctx.store.addPayin(newOrder(loose, ctx));
    return paramError(e.message, 11);
  }
  const existing = ctx.store.payinByRequestId(input.requestId);
  if (existing && k.duplicatePayin !== 'accept') {
    if (k.duplicatePayin === 'overwrite') {
      const fresh = newOrder(input, ctx);
      Object.assign(existing, { ...fresh, payOrderId: existing.payOrderId, createdAt: existing.createdAt });
    }
    return businessError(1201, 'Duplicate Data Exists: request_id already exists', 'duplicate');
  }
  if (k.failValidCreates)
    return { outcome: 'server', reason: 'other', code: 10, msg: 'System Exception', data: null, status: 500 };
  const order = newOrder(input, ctx);
  ctx.store.addPayin(order);
  scheduleAutoPay(order, ctx);
  return ok(createData(order, ctx), 'created');
}

export function queryPayin(body: JsonObject, ctx: MockContext): Reply {
  const k = ctx.knobs;
  let q: ReturnType<typeof validateQueryPayin>;
  try {
    q = validateQueryPayin(body, k);
  } catch (e) {
    if (e instanceof ParamError) return paramError(e.message, 11);
    throw e;
  }
  if (q.requestId === undefined && q.payOrderId === undefined)
    return paramError(NEITHER_ID_MSG, 11, 'neither-id');
  const { startTime: start, endTime: end } = q;
  if (start !== undefined && end !== undefined) {
    const span = end - start;
    const bad =
      (span < 0 && k.queryRejectStartAfterEnd) ||
      (span === 0 && k.queryRejectEqualTimes) ||
      span > k.queryMaxSpanMs ||
      (span === k.queryMaxSpanMs && !k.queryExactSpanAccepted);
    if (bad) return paramError(TIME_ERROR_MSG, 11, 'time');
  }
  const order = ctx.store.findPayin(q.requestId, k.queryByPayOrderId ? q.payOrderId : undefined);
  const inWindow =
    order !== undefined &&
    (start === undefined || order.createdAt >= start) &&
    (end === undefined || order.createdAt <= end);
  if (!order || !inWindow) return businessError(1202, NOT_FOUND_MSG, 'not-found');
  refreshExpiry(order);
  const view = payinView(order, ctx.variant);
  if (ctx.variant === 'a') return ok(view);
  const records = q.page === 1 ? [view] : [];
  return ok({ records, total: 1, page: q.page, page_size: q.pageSize });
}
