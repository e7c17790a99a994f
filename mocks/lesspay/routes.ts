import type { MockContext } from './context.js';
import type { JsonObject } from './json.js';
import { createPayin, queryPayin } from './payin.js';
import { createBatchPayout, createSinglePayout, queryPayout, triggerPayoutNotify } from './payout.js';
import { payoutBalance, payoutBanks } from './payout-info.js';
import type { Reply } from './reply.js';

export type Area = 'payin' | 'payout';

export interface Route {
  area: Area;
  handle(body: JsonObject, ctx: MockContext): Reply;
}

export const PATHS = {
  createPayin: '/api/global/v1/pay/create-order',
  queryPayin: '/api/global/v1/pay/query-order',
  createPayout: '/api/global/payout/create-order',
  createBatchPayout: '/api/global/payout/batch/create-order',
  queryPayout: '/api/global/payout/query',
  payoutBanks: '/api/global/payout/bank',
  payoutBalance: '/api/global/payout/balance',
  triggerNotify: '/api/global/payout/triggerNotify',
} as const;

export const ROUTES: Record<string, Route> = {
  [PATHS.createPayin]: { area: 'payin', handle: createPayin },
  [PATHS.queryPayin]: { area: 'payin', handle: queryPayin },
  [PATHS.createPayout]: { area: 'payout', handle: createSinglePayout },
  [PATHS.createBatchPayout]: { area: 'payout', handle: createBatchPayout },
  [PATHS.queryPayout]: { area: 'payout', handle: queryPayout },
  [PATHS.payoutBanks]: { area: 'payout', handle: payoutBanks },
  [PATHS.payoutBalance]: { area: 'payout', handle: payoutBalance },
  [PATHS.triggerNotify]: { area: 'payout', handle: triggerPayoutNotify },
};
