// Faults that stop a check from judging what it reads (its `erroredBy`), named for the precondition they break, and
// the faults a family of checks exists to catch (`killedBy`). Defined once so a call site says why, not which.
// The self-test expectations map each fault to checks, so the order of names in a list does not matter.

/** The signature scheme is wrong on the gateway's side: every correctly signed request gets 401. */
export const BREAKS_SIGNED_REQUESTS = ['signature-hmac', 'signature-lowercase-hex'];

/** An error answer (code ≠ 0) cannot be read as the JSON envelope: not JSON, or its code/msg are mistyped or absent. */
export const BREAKS_ERROR_ANSWERS = ['code-as-string', 'errors-as-text', 'msg-missing', 'msg-null'];

/** A successful answer cannot be read as the envelope: code not the integer 0, msg absent, data not an object. */
export const BREAKS_SUCCESS_ANSWERS = [
  'code-as-string',
  'data-not-object',
  'msg-missing',
  'msg-null',
  'success-code-nonzero',
];

/** A cashier order cannot be set up: the create fails, or its answer has no usable checkout_url. */
export const BREAKS_CASHIER_ORDER = ['500-on-valid-request', 'checkout-url-missing', 'checkout-url-not-http'];

/** Invalid input is answered wrongly (accepted, stored, or with the wrong HTTP status): what parameter checks catch. */
export const MISANSWERS_PARAM_ERRORS: [string, ...string[]] = [
  'param-error-code-zero',
  'param-error-creates-order',
  'param-error-http-422',
  'param-error-http-500',
];

/** A signed request's refusal cannot be judged: the request is not accepted as signed, or its error answer not read. */
export const BREAKS_SIGNED_REFUSALS = [...BREAKS_ERROR_ANSWERS, ...BREAKS_SIGNED_REQUESTS];

/** A signed request's success cannot be judged: the request is not accepted as signed, or its answer not read. */
export const BREAKS_SIGNED_CALLS = [...BREAKS_SUCCESS_ANSWERS, ...BREAKS_SIGNED_REQUESTS];
