import type { MockContext } from './context.js';
import { dec, formatDecimal, subtract, sum } from './decimal.js';
import type { JsonObject } from './json.js';
import { businessError, ok, ParamError, paramError, type Reply } from './reply.js';
import { string } from './validate.js';
import { currency } from './validate-payout.js';

/** A static bank list, as the platform returns for most channels (digest §4.6). */
const BANKS: Record<string, { bank_code: string; bank_name: string; swift_code: string }[]> = {
  PH: [
    { bank_code: 'BDO', bank_name: 'BDO Unibank', swift_code: 'BNORPHMM' },
    { bank_code: 'BPI', bank_name: 'Bank of the Philippine Islands', swift_code: 'BOPIPHMM' },
    { bank_code: 'MBTC', bank_name: 'Metropolitan Bank and Trust', swift_code: 'MBTCPHMM' },
  ],
  IN: [
    { bank_code: 'SBIN', bank_name: 'State Bank of India', swift_code: 'SBININBB' },
    { bank_code: 'HDFC', bank_name: 'HDFC Bank', swift_code: 'HDFCINBB' },
  ],
  ID: [
    { bank_code: 'BCA', bank_name: 'Bank Central Asia', swift_code: 'CENAIDJA' },
    { bank_code: 'BRI', bank_name: 'Bank Rakyat Indonesia', swift_code: 'BRINIDJA' },
  ],
};

export const OPENING_BALANCE = '1000000.00';

function params(fn: () => Reply): Reply {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ParamError) return paramError(e.message, e.code ?? 30000);
    throw e;
  }
}

export function payoutBanks(body: JsonObject, _ctx: MockContext): Reply {
  return params(() => {
    const country = string(body, 'bank_country_code', { required: true, code: 30000 })!;
    if (!/^[A-Z]{2}$/.test(country))
      throw new ParamError(
        'Invalid Country Code: bank_country_code must be a 2-character ISO 3166-1 alpha-2 code',
        30005,
      );
    const cur = currency(body);
    const wayCode = string(body, 'way_code', { required: true, max: 64, code: 30000 })!;
    return ok({ bank_country_code: country, currency: cur, way_code: wayCode, banks: BANKS[country] ?? [] });
  });
}

/** Available = opening balance − paid out − held; held = payouts not final yet. */
export function payoutBalance(body: JsonObject, ctx: MockContext): Reply {
  return params(() => {
    const cur = currency(body);
    const wayCode = string(body, 'way_code', { max: 64, code: 30000 }) ?? null;
    if (wayCode === 'TWELVEPAY_PAYOUT')
      return businessError(9999, '12Pay does not support balance query', 'unsupported');
    const details = [...ctx.store.payouts.values()]
      .filter((o) => o.currency === cur)
      .flatMap((o) => o.details);
    const paid = sum(details.filter((d) => d.status === 'SUCCEED').map((d) => dec(d.amount)));
    const held = sum(
      details.filter((d) => d.status === 'CREATED' || d.status === 'PROCESSING').map((d) => dec(d.amount)),
    );
    const available = subtract(subtract(dec(OPENING_BALANCE), paid), held);
    return ok({
      currency: cur,
      way_code: wayCode,
      available_balance: formatDecimal(available, 2),
      frozen_balance: formatDecimal(held, 2),
    });
  });
}
