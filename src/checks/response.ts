import { CheckFailure } from '../core/outcome.js';
import { explain, validatorFor } from '../core/schema-registry.js';
import type { ProbeResponse } from '../engine/context.js';
import { ensure, ensureAmong, ensureDeepEqual } from './assert.js';

/** The HTTP status is one of `allowed`. */
export function ensureStatus(res: ProbeResponse, allowed: number[], what = 'HTTP status'): void {
  ensureAmong(res.status, allowed, what);
}

/** Content-Type is application/json; a charset parameter is allowed (L1, P1). */
export function ensureJsonContentType(res: ProbeResponse): void {
  const type = res.headers['content-type'];
  const media = type?.split(';')[0].trim().toLowerCase();
  ensure(
    media === 'application/json',
    'Content-Type is not application/json',
    'application/json',
    type ?? '(absent)',
  );
}

/** The body is a JSON object; returns it. */
export function ensureJsonObject(res: ProbeResponse, what = 'response body'): Record<string, any> {
  if (res.invalidUtf8)
    throw new CheckFailure(`${what} is not valid UTF-8`, 'UTF-8 JSON', res.text.slice(0, 200));
  if (res.json === undefined)
    throw new CheckFailure(`${what} is ${res.jsonError}`, 'a JSON object', res.text.slice(0, 200));
  ensure(res.body !== undefined, `${what} is JSON but not an object`, 'a JSON object', res.json);
  return res.body!;
}

/** The value validates against the schema with this $id (or path below schemas/). */
export function ensureSchema(value: unknown, schema: string, what = 'response body'): void {
  const validateFn = validatorFor(schema);
  if (validateFn(value)) return;
  const problems = explain(validateFn.errors, value);
  // Several problems at one pointer (wrong type and not in the table) read as one expectation.
  const expected: Record<string, unknown> = {};
  const received: Record<string, unknown> = {};
  for (const p of problems.slice(0, 10)) {
    expected[p.pointer] = p.pointer in expected ? `${expected[p.pointer]}, and ${p.expected}` : p.expected;
    received[p.pointer] = p.received;
  }
  throw new CheckFailure(
    `${what} does not match ${schema.replace(/^https:\/\/paycert\.dev\/schemas\//, '')}: ${problems
      .slice(0, 5)
      .map((p) => p.message)
      .join('; ')}`,
    expected,
    received,
  );
}

/** Strict equality of one observed value, named for the report. */
export function ensureEqual(actual: unknown, expected: unknown, what: string): void {
  ensureDeepEqual(actual, expected, what);
}

export function ensureOneOf(actual: unknown, allowed: unknown[], what: string): void {
  ensureAmong(actual, allowed, what);
}
