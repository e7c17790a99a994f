// The order of the hand-written probe files in the generated catalogue (suites/catalogue/lesspay*.json), and so in
// docs/checks.md and in every report: by the reading they enforce, L1 to L11 (a file's checks follow in ID order).
// The catalogue's hash (results.json `catalogueHash`) covers this order: a new probe file goes where its reading is.
export const CATALOGUE_ORDER = [
  'transport',
  'envelope',
  'auth',
  'routing',
  'params',
  'create-order',
  'query-order',
  'payout-query',
  'payout',
  'webhooks',
];
