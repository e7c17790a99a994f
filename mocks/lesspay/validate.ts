import { isPositiveAmount, parseDecimal } from './decimal.js';
import { isObject, type JsonObject, type JsonValue, RawNumber } from './json.js';
import { ParamError } from './reply.js';

// Field checks shared by the endpoints. Each throws ParamError naming the field (L6: "the msg will contain
// details"). `""` and null count as absent, as they do for the signature.

export function isAbsent(v: JsonValue | undefined): boolean {
  return v === undefined || v === null || v === '';
}

interface StringRule {
  required?: boolean;
  max?: number;
  pattern?: RegExp;
  hint?: string;
  oneOf?: readonly string[];
  code?: number;
}

export function string(body: JsonObject, field: string, rule: StringRule, label = field): string | undefined {
  const v = body[field];
  if (isAbsent(v)) {
    if (rule.required) throw new ParamError(`${label} is required`, rule.code);
    return undefined;
  }
  if (typeof v !== 'string') throw new ParamError(`${label} must be a string`, rule.code);
  if (rule.max !== undefined && v.length > rule.max)
    throw new ParamError(`${label} must be at most ${rule.max} characters (got ${v.length})`, rule.code);
  if (rule.oneOf && !rule.oneOf.includes(v))
    throw new ParamError(`${label} must be one of ${rule.oneOf.join(', ')}`, rule.code);
  if (rule.pattern && !rule.pattern.test(v))
    throw new ParamError(`${label} is malformed${rule.hint ? `: ${rule.hint}` : ''}`, rule.code);
  return v;
}

export function httpUrl(
  body: JsonObject,
  field: string,
  opts: { required: boolean; max: number; anyScheme?: boolean; code?: number },
  label = field,
): string | undefined {
  const v = string(body, field, { required: opts.required, max: opts.max, code: opts.code }, label);
  if (v === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new ParamError(`${label} must be a valid http or https URL`, opts.code);
  }
  if (!opts.anyScheme && parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ParamError(`${label} must be a valid http or https URL`, opts.code);
  return v;
}

/** An amount: a string holding a positive decimal such as "100.50" (returned exactly as sent). */
export function amount(
  body: JsonObject,
  field: string,
  opts: { code: number; missingCode?: number; allowNumber?: boolean; allowZero?: boolean },
  label = field,
): string {
  const v = body[field];
  if (isAbsent(v)) throw new ParamError(`${label} is required`, opts.missingCode ?? opts.code);
  let text: string;
  if (typeof v === 'string') text = v;
  else if (v instanceof RawNumber && opts.allowNumber) text = v.text;
  else throw new ParamError(`${label} must be a string holding a positive decimal, e.g. "100.50"`, opts.code);
  const ok = opts.allowZero ? parseDecimal(text) !== undefined : isPositiveAmount(text);
  if (!ok)
    throw new ParamError(`${label} must be a string holding a positive decimal, e.g. "100.50"`, opts.code);
  return text;
}

/** A JSON integer (or, when allowed, a string of digits). */
export function integer(
  body: JsonObject,
  field: string,
  opts: {
    required?: boolean;
    allowString?: boolean;
    allowNumber?: boolean;
    min?: number;
    max?: number;
    code?: number;
  },
  label = field,
): number | undefined {
  const v = body[field];
  if (isAbsent(v)) {
    if (opts.required) throw new ParamError(`${label} is required`, opts.code);
    return undefined;
  }
  let text: string | undefined;
  if (v instanceof RawNumber && opts.allowNumber !== false) text = v.text;
  else if (typeof v === 'string' && opts.allowString) text = v.trim();
  if (text === undefined || !/^-?\d{1,16}$/.test(text))
    throw new ParamError(`${label} must be an integer`, opts.code);
  const n = Number(text);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max))
    throw new ParamError(`${label} must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}`, opts.code);
  return n;
}

/** An optional JSON boolean. */
export function boolean(body: JsonObject, field: string, code?: number, label = field): boolean | undefined {
  const v = body[field];
  if (isAbsent(v)) return undefined;
  if (typeof v !== 'boolean') throw new ParamError(`${label} must be true or false`, code);
  return v;
}

export function object(body: JsonObject, field: string, required: boolean, code?: number, label = field) {
  const v = body[field];
  if (isAbsent(v)) {
    if (required) throw new ParamError(`${label} is required`, code);
    return undefined;
  }
  if (!isObject(v)) throw new ParamError(`${label} must be an object`, code);
  return v;
}

export function array(body: JsonObject, field: string, code?: number, label = field): JsonValue[] {
  const v = body[field];
  if (isAbsent(v)) throw new ParamError(`${label} is required`, code);
  if (!Array.isArray(v)) throw new ParamError(`${label} must be an array`, code);
  return v;
}
