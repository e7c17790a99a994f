export {
  clearSecrets,
  REDACTED,
  redactDeep,
  redactSecrets,
  redactText,
  registerSecret,
  SECRET_HEADERS,
} from '../core/redact.js';
export type * from '../core/results.js';
export { RESULTS_SCHEMA_ID } from '../core/results.js';
export {
  exitCodeOf,
  failsVerdict,
  isKnownDeviation,
  judgedOf,
  overallVerdict,
  RANK,
  recompute,
  rejudge,
  summarize,
  verdictOf,
  worseVerdict,
} from '../core/verdict.js';
export {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  type BundleVerification,
  type Manifest,
  type TrustedKey,
  verifyBundle,
  writeBundle,
} from './bundle.js';
export { type DiffOp, diffLines, diffValues, stableJson } from './diff.js';
export { escapeHtml, escapeJsonForScript, escapeXml, escapeXmlAttr, stripIllegalXmlChars } from './escape.js';
export { type HtmlOptions, renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { type MergeOptions, mergeResults } from './merge.js';
