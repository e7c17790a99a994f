export {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  type BundleVerification,
  type Manifest,
  verifyBundle,
  writeBundle,
} from './bundle.js';
export { type DiffOp, diffLines, diffValues, stableJson } from './diff.js';
export { escapeHtml, escapeJsonForScript, escapeXml, escapeXmlAttr, stripIllegalXmlChars } from './escape.js';
export { type HtmlOptions, renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export {
  failsVerdict,
  isKnownDeviation,
  type MergeOptions,
  mergeResults,
  overallVerdict,
  recompute,
  summarize,
  verdictOf,
} from './merge.js';
export {
  clearSecrets,
  REDACTED,
  redactDeep,
  redactSecrets,
  redactText,
  registerSecret,
  SECRET_HEADERS,
} from './redact.js';
export type * from './types.js';
export { RESULTS_SCHEMA_ID } from './types.js';
