// The rule families of the generated checks, the variants of the endpoint-wide ones, and how they are named in
// IDs and titles. Data only: cases.ts pairs them with the endpoints and the schemas.

export const NEGATIVE_FAMILIES = [
  'required',
  'one-of',
  'type',
  'max-length',
  'min-length',
  'minimum',
  'min-items',
  'amount',
  'url',
  'pattern',
  'enum',
  'format',
] as const;
export const POSITIVE_FAMILIES = [
  'at-max-length',
  'optional-absent',
  'non-ascii',
  'enum-value',
  'amount-spelling',
] as const;
export const ENDPOINT_FAMILIES = [
  'auth',
  'signing',
  'method',
  'unknown-path',
  'content-type',
  'envelope',
  'window',
] as const;

export type Family =
  | (typeof NEGATIVE_FAMILIES)[number]
  | (typeof POSITIVE_FAMILIES)[number]
  | (typeof ENDPOINT_FAMILIES)[number];

/** Families whose cases draw values (corners first, then random ones from the seed): the others send fixed requests. */
export const DRAWN_FAMILIES: readonly Family[] = [
  'type',
  'max-length',
  'min-length',
  'minimum',
  'min-items',
  'amount',
  'url',
  'pattern',
  'enum',
  'format',
  'at-max-length',
  'non-ascii',
  'amount-spelling',
  'unknown-path',
  'window',
];

export const FAMILIES: readonly Family[] = [...NEGATIVE_FAMILIES, ...POSITIVE_FAMILIES, ...ENDPOINT_FAMILIES];

/** The probe file of each family (suites/probes/<gateway>/gen-<group>.probe.ts): files are the unit of lanes and shards. */
export const PROBE_GROUPS = {
  fields: NEGATIVE_FAMILIES,
  boundaries: [...POSITIVE_FAMILIES, 'window'],
  auth: ['auth', 'signing'],
  http: ['method', 'unknown-path', 'content-type', 'envelope'],
} as const satisfies Record<string, readonly Family[]>;

export type ProbeGroup = keyof typeof PROBE_GROUPS;

export const RULE_CODE: Record<Family, string> = {
  required: 'MISSING',
  'one-of': 'NO-ID',
  type: 'TYPE',
  'max-length': 'TOO-LONG',
  'min-length': 'EMPTY',
  minimum: 'BELOW-MIN',
  'min-items': 'NO-ITEMS',
  amount: 'BAD-AMOUNT',
  url: 'BAD-URL',
  pattern: 'PATTERN',
  enum: 'NOT-IN-ENUM',
  format: 'FORMAT',
  'at-max-length': 'AT-MAX',
  'optional-absent': 'ABSENT',
  'non-ascii': 'NON-ASCII',
  'enum-value': 'VALUE',
  'amount-spelling': 'SPELLING',
  auth: 'AUTH',
  signing: 'SIGNED',
  method: 'METHOD',
  'unknown-path': 'UNKNOWN-PATH',
  'content-type': 'JSON',
  envelope: 'ENVELOPE',
  window: 'WINDOW',
};

export const FREE_TEXT: Record<string, string[]> = {
  'create-order': ['product_name', 'description'],
  'payout-create': ['description', 'purpose'],
  'payout-batch': ['description', 'product_name'],
};

export const SIGNING_CORNERS = ['empty-and-null', 'nested-object', 'array', 'non-ascii'];
export const METHODS = ['GET', 'PUT', 'PATCH', 'DELETE'];
export const ANSWERS = ['success', 'refusal', 'auth-failure', 'not-found', 'wrong-method'];
export const WINDOW_IDS = ['request-id', 'pay-order-id', 'both'];
export const WINDOWS = ['inside', 'seven-days', 'empty', 'reversed', 'over-seven-days'];

export const VARIANT_TEXT: Record<string, string> = {
  'no-signature': 'without a signature',
  'wrong-signature': 'with a wrong signature',
  'wrong-key': 'signed with a key the target does not know',
  hmac: 'signed with HMAC-SHA256 instead of plain SHA-256',
  sha1: 'signed with SHA1withRSA instead of SHA256withRSA',
  'tampered-body': 'whose body was changed after signing',
  'unknown-app': 'with an unknown app id',
  'no-app': 'without an app id',
  'empty-and-null': 'holding an empty and a null value',
  'nested-object': 'holding a nested object',
  array: 'holding an array',
  'non-ascii': 'holding non-ASCII text',
  success: 'a successful answer',
  refusal: 'a refusal of invalid input',
  'auth-failure': 'an authentication failure',
  'not-found': 'an unknown-path answer',
  'wrong-method': 'a wrong-method answer',
  inside: 'a window holding the order',
  'seven-days': 'a window of exactly 7 days',
  empty: 'start_time equal to end_time',
  reversed: 'start_time after end_time',
  'over-seven-days': 'a window longer than 7 days',
  'request-id': 'by request_id',
  'pay-order-id': 'by pay_order_id',
  both: 'by request_id and pay_order_id',
};
