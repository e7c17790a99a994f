// The order of the hand-written probe files in the generated catalogue (suites/catalogue/payloco*.json), and so in
// docs/checks.md and in every report (a file's checks follow in ID order). It is the order the checks were
// catalogued in: the catalogue's hash (results.json `catalogueHash`) covers it, so a new probe file goes last.
export const CATALOGUE_ORDER = [
  'transport',
  'endpoints',
  'envelope',
  'codes',
  'common',
  'body',
  'signing',
  'qr',
  'micropay',
  'query',
  'void',
  'http',
  'webhooks',
];
