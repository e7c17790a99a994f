// The gateways' code tables as data. Each is read from its schema (a `oneOf` of `{const, title, description}`),
// so the table and the schema cannot disagree.
import { loadSchema } from './index.js';

function table(path) {
  return Object.freeze(
    loadSchema(path).oneOf.map(({ const: value, title, description }) =>
      Object.freeze({ value, title, description }),
    ),
  );
}

export const lesspay = Object.freeze({
  /** Pay-in business codes (`code` of the envelope): title is the vendor's Description, description its Suggestion. */
  businessCodes: table('lesspay/business-code.schema.json'),
  /** Payout business codes 30000–30021. */
  payoutBusinessCodes: table('lesspay/payout-business-code.schema.json'),
  /** HTTP statuses of the pay-in API. */
  httpStatuses: table('lesspay/http-status.schema.json'),
  /** HTTP statuses of the payout API. */
  payoutHttpStatuses: table('lesspay/payout-http-status.schema.json'),
  /** Order status as an integer (0 PENDING_CONFIRM …). */
  orderStatusInt: table('lesspay/order-status-int.schema.json'),
  /** Order status as a name (PENDING_CONFIRM …). */
  orderStatusName: table('lesspay/order-status-name.schema.json'),
  /** `msg` of the query-order errors. */
  queryOrderMessages: table('lesspay/query-order-msg.schema.json'),
});

export const payloco = Object.freeze({
  /** Result codes (`code` of the envelope). */
  resultCodes: table('payloco/result-code.schema.json'),
  /** Order status values. */
  statuses: table('payloco/status.schema.json'),
});
