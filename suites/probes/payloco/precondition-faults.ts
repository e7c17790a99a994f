// Faults that stop a check from judging what it reads (its `erroredBy`), named for the precondition they break, and
// the faults a family of checks exists to catch (`killedBy`).
// Defined once so a call site says why, not which. The self-test expectations map each fault to checks, so the
// order of names in a list does not matter.

/** The order a check works on cannot be created: no pay endpoint, a wrong signature scheme, or HTTP 500 on success. */
export const BREAKS_ORDER_SETUP = ['500-on-valid-request', 'pay-v1-missing', 'signature-sha1'];

/** The order cannot be queried back by its merchantOrderId: no query endpoint, or the merchant ID is ignored. */
export const BREAKS_QUERY_BY_MERCHANT_ORDER_ID = [
  'query-by-merchant-order-id-ignored',
  'query-endpoint-missing',
];

/** The answer is not the documented envelope (code, message, traceId, data.status): what envelope checks catch. */
export const MISSHAPES_ENVELOPE: [string, ...string[]] = [
  'code-numeric',
  'code-seven-digits',
  'data-missing',
  'message-missing',
  'status-lowercase',
  'trace-id-missing',
];
