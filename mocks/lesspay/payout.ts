import type { MockContext } from './context.js';
import { compare, dec, formatDecimal, sum } from './decimal.js';
import type { JsonObject } from './json.js';
import { schedulePayoutReview, sendPayoutWebhook } from './payout-review.js';
import { businessError, ok, ParamError, paramError, type Reply } from './reply.js';
import { statusValue } from './status.js';
import type { PayoutOrder } from './store.js';
import {
  type PayoutInput,
  validateBatchPayout,
  validatePayoutLookup,
  validateSinglePayout,
} from './validate-payout.js';
import { payoutView } from './views.js';

function asParamError(e: unknown): Reply {
  if (!(e instanceof ParamError)) throw e;
  return paramError(e.message, e.code ?? 30000, e.reason);
}

/** Batch rules: unique mch_order_id (30007), total equal to the sum of details (30002). */
function batchRules(input: PayoutInput, ctx: MockContext): Reply | undefined {
  const k = ctx.knobs;
  if (k.checkDuplicateDetails) {
    const seen = new Set<string>();
    for (const l of input.lines) {
      if (seen.has(l.mchOrderId))
        return paramError(
          `Duplicate Detail ID: mch_order_id ${l.mchOrderId} is repeated`,
          30007,
          'duplicate-detail',
        );
      seen.add(l.mchOrderId);
    }
  }
  if (k.checkBatchSum) {
    const equal = k.batchSumWithFloats
      ? input.lines.reduce((s, l) => s + Number(l.amount), 0) === Number(input.totalAmount)
      : compare(sum(input.lines.map((l) => dec(l.amount))), dec(input.totalAmount)) === 0;
    if (!equal) {
      const total = formatDecimal(sum(input.lines.map((l) => dec(l.amount))));
      return paramError(
        `Amount Mismatch: total_amount ${input.totalAmount} does not equal the sum of detail amounts ${total}`,
        30002,
        'sum-mismatch',
      );
    }
  }
  return undefined;
}

function newPayout(input: PayoutInput, kind: PayoutOrder['kind'], ctx: MockContext): PayoutOrder {
  const payOrderId = ctx.ids.next('PO', 18);
  return {
    payOrderId,
    requestId: input.requestId,
    kind,
    currency: input.currency,
    totalAmount: input.totalAmount,
    wayType: input.wayType,
    wayCode: input.wayCode,
    notifyUrl: input.notifyUrl,
    status: ctx.knobs.payoutInitialStatus,
    failReason: null,
    createdAt: Date.now(),
    details: input.lines.map((l) => ({
      detailId: ctx.ids.next('POD', 18),
      mchOrderId: l.mchOrderId,
      amount: l.amount,
      actualAmount: null,
      status: 'CREATED',
      auditState: 'PENDING',
      failReason: null,
      rejectedReason: null,
      channelOrderNo: null,
      destinationType: l.destinationType,
      bankAccountNo: l.accountNo,
      bankAccountName: l.accountName,
      bankAccountType: l.accountType,
      bankName: l.bankName,
      bankCountryCode: l.countryCode,
      bankSwiftCode: l.swiftCode,
      successTime: null,
    })),
  };
}

function create(body: JsonObject, ctx: MockContext, kind: PayoutOrder['kind']): Reply {
  let input: PayoutInput;
  try {
    input = kind === 'batch' ? validateBatchPayout(body, ctx.knobs) : validateSinglePayout(body, ctx.knobs);
  } catch (e) {
    return asParamError(e);
  }
  const broken = kind === 'batch' ? batchRules(input, ctx) : undefined;
  if (broken) return broken;
  if (ctx.store.payoutByRequestId(input.requestId) && ctx.knobs.duplicatePayout === 'reject')
    return businessError(30011, 'Duplicate Request ID: request_id already exists', 'duplicate');
  const order = newPayout(input, kind, ctx);
  ctx.store.addPayout(order);
  schedulePayoutReview(order, ctx);
  const data: Record<string, unknown> = {
    pay_order_id: order.payOrderId,
    request_id: order.requestId,
    order_status: statusValue(order.status, ctx.variant),
    currency: order.currency,
    total_amount: order.totalAmount,
  };
  if (ctx.variant === 'b') data.detail_count = order.details.length;
  return ok(data, 'created');
}

export const createSinglePayout = (body: JsonObject, ctx: MockContext) => create(body, ctx, 'single');
export const createBatchPayout = (body: JsonObject, ctx: MockContext) => create(body, ctx, 'batch');

function lookup(body: JsonObject, ctx: MockContext): PayoutOrder | Reply {
  let ids: ReturnType<typeof validatePayoutLookup>;
  try {
    ids = validatePayoutLookup(body);
  } catch (e) {
    return asParamError(e);
  }
  const order = ctx.store.findPayout(ids.requestId, ids.payOrderId);
  return order ?? businessError(30020, 'Order Not Found', 'not-found');
}

export function queryPayout(body: JsonObject, ctx: MockContext): Reply {
  const found = lookup(body, ctx);
  return 'outcome' in found ? found : ok(payoutView(found, ctx.variant));
}

/** Answers the callback body (PayoutQueryVO) and sends it to the order's notify_url, whatever its state. */
export function triggerPayoutNotify(body: JsonObject, ctx: MockContext): Reply {
  const found = lookup(body, ctx);
  if ('outcome' in found) return found;
  sendPayoutWebhook(found, ctx);
  return ok(payoutView(found, ctx.variant, true));
}
