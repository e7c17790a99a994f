import { createHash, createHmac } from 'node:crypto';
import type { ClientRequest, ClientRule, ClientVerdict } from '../../src/index.js';
import { lesspaySign, lesspayStringToSign } from '../../src/index.js';
import {
  noResendAfterDuplicate,
  pendingQueriedNotRecreated,
  rejectedPayoutNotResubmitted,
  signatureRefusalNotRetried,
  timeoutResolvedBySameId,
} from './lesspay-sequels.js';
import {
  answersMatch,
  canonical,
  decimal,
  each,
  formatDecimal,
  idReuse,
  isObject,
  jsonObjectBody,
  postToDocumented,
  retryAfterHonoured,
  retryKeepsOrder,
  schemaFinding,
} from './shared.js';

// LPC: the integrator's Lesspay client, judged on the requests it sent (profile L1, L3, L6–L10).

type Json = Record<string, unknown>;

const SCHEMAS: Record<string, string> = {
  '/api/global/v1/pay/create-order': 'lesspay/pay-in-create-request.schema.json',
  '/api/global/v1/pay/query-order': 'lesspay/pay-in-query-request.schema.json',
  '/api/global/payout/create-order': 'lesspay/payout-create-request.schema.json',
  '/api/global/payout/batch/create-order': 'lesspay/payout-batch-create-request.schema.json',
  '/api/global/payout/query': 'lesspay/payout-query-request.schema.json',
  '/api/global/payout/bank': 'lesspay/payout-bank-request.schema.json',
  '/api/global/payout/balance': 'lesspay/payout-balance-request.schema.json',
};
const CREATES = [
  '/api/global/v1/pay/create-order',
  '/api/global/payout/create-order',
  '/api/global/payout/batch/create-order',
];
// The endpoint families whose request_ids are one namespace each (profile C1).
const ID_FAMILIES = [
  ['/api/global/v1/pay/create-order'],
  ['/api/global/payout/create-order', '/api/global/payout/batch/create-order'],
];
const QUERIES = ['/api/global/v1/pay/query-order', '/api/global/payout/query'];
// The demo's triggerNotify (lesspay.md §4.8: "Merchant calls /api/global/payout/triggerNotify", signed like any other
// request) is as documented as balance (§4.7), which paycert's own run calls too; it has no request schema, so
// LPC-TRN-001 knows it and LPC-SCH-001 has nothing to judge it against.
const ENDPOINTS = { ...SCHEMAS, '/api/global/payout/triggerNotify': '(no request schema)' };
const WEEK_MS = 604_800_000;

const documented = (r: ClientRequest) => r.path in SCHEMAS;
const json = (r: ClientRequest): Json | undefined => (isObject(r.json) ? r.json : undefined);

/** The string to sign under a mistaken rule: empty values kept, or keys in the order sent. */
function variantString(body: Json, secret: string, keepEmpty: boolean, sorted: boolean): string {
  const keys = Object.keys(body).filter((k) => keepEmpty || (body[k] !== null && body[k] !== ''));
  if (sorted) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const render = (v: unknown) => (typeof v === 'string' ? v : isObject(v) ? '' : JSON.stringify(v));
  const joined = keys.map(
    (k) =>
      `${k}=${isObject(body[k]) ? `{${variantString(body[k] as Json, '', keepEmpty, sorted).replace(/&key=$/, '')}}` : render(body[k])}`,
  );
  return [...joined, `key=${secret}`].join('&');
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').toUpperCase();

/** Why a signature that is not the L3 signature of the body is wrong, when a known mistake explains it. */
function signatureReason(body: Json, secret: string, got: string, expected: string): string {
  if (got.toUpperCase() === expected) return 'the hex digest is lower-case; L3 signs in upper-case hex';
  if (got === sha(variantString(body, secret, true, true)))
    return 'empty values (null or "") were signed; L3 leaves them out';
  if (got === sha(variantString(body, secret, false, false)))
    return 'the keys were joined in the order sent, not sorted by ASCII';
  const joined = variantString(body, secret, false, true).replace(/&key=[^&]*$/, '');
  if (got === createHmac('sha256', secret).update(joined, 'utf8').digest('hex').toUpperCase())
    return 'HMAC-SHA256 was used; L3 is a plain SHA-256 of the string ending with &key=<appSecret>';
  if (/^[0-9A-Fa-f]{32}$/.test(got) || /^[0-9A-Fa-f]{40}$/.test(got))
    return `a ${got.length === 32 ? 'MD5' : 'SHA-1'}-sized digest; L3 is SHA-256 (64 hex digits)`;
  return 'it matches no signing of the body sent with this app secret: the body was changed after signing (re-serialised, a member added or changed), or another secret was used';
}

const isEmpty = (v: unknown) => v === null || v === '';

/**
 * The body with null and "" members left out at every depth. L3 drops them from the signature, and the gateway reads
 * them as absent (an empty optional field is allowed: src/generate/cases.ts exemption), so a client whose DTOs
 * serialise unset optional fields as null or "" (Jackson's default) is conformant; an empty required field still
 * shows, as a missing one.
 */
function withoutEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEmpty);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v).flatMap(([k, x]) => (isEmpty(x) ? [] : [[k, withoutEmpty(x)]])),
  );
}

/**
 * The body with each array replaced by its compact JSON text as sent. L3 renders arrays as compact JSON text and
 * does not say whether empty members inside them are signed: lesspaySign leaves them out (the vendor demo's fastjson
 * does), a signer that follows L3's words keeps them (so does the reference mock's reading). Both are accepted.
 */
function arraysAsSent(v: unknown): unknown {
  if (Array.isArray(v)) return JSON.stringify(v);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, arraysAsSent(x)]));
}

/** A create's order: its request_id, and its whole body (a Lesspay resend changes nothing in it). */
const ORDER = {
  idOf: (r: ClientRequest) =>
    typeof json(r)?.request_id === 'string' ? (json(r)!.request_id as string) : undefined,
  sameOrder: (r: ClientRequest) => canonical(r.json),
};

export const rules: ClientRule[] = [
  { id: 'LPC-TRN-001', judge: postToDocumented('Lesspay', ENDPOINTS) },
  { id: 'LPC-TRN-002', judge: jsonObjectBody },
  {
    id: 'LPC-AUTH-001',
    judge: (reqs, creds) =>
      each(reqs, (r) => {
        const got = r.headers['x-auth-appid'];
        if (got === undefined)
          return [
            { message: 'x-auth-appid is missing', expected: 'x-auth-appid: <app id>', received: '(absent)' },
          ];
        if (creds.appId !== undefined && got !== creds.appId)
          return [
            {
              message: 'x-auth-appid is not the app id given to the client',
              expected: creds.appId,
              received: got,
            },
          ];
        return [];
      }),
  },
  {
    id: 'LPC-AUTH-002',
    judge: (reqs) =>
      each(reqs, (r) => {
        const got = r.headers['x-auth-timestamp'];
        if (got !== undefined && /^\d{13}$/.test(got)) return [];
        return [
          {
            message:
              got === undefined
                ? 'X-Auth-Timestamp is missing'
                : `X-Auth-Timestamp ${got} is not a 13-digit millisecond timestamp${/^\d{10}$/.test(got) ? ' (it is in seconds)' : ''}`,
            expected: '13 digits, milliseconds since the epoch (e.g. Date.now())',
            received: got ?? '(absent)',
            corrected: { 'X-Auth-Timestamp': String(Date.now()) },
          },
        ];
      }),
  },
  {
    id: 'LPC-SIG-001',
    judge: (reqs, creds): ClientVerdict => {
      const applies = reqs.filter((r) => json(r) !== undefined);
      if (applies.length && !creds.appSecret)
        return { judged: applies, findings: [], cannotJudge: 'LESSPAY_APP_SECRET was not given to paycert' };
      return each(applies, (r) => {
        const body = json(r)!;
        const expected = lesspaySign(body, creds.appSecret!);
        const got = r.headers['x-auth-signature'];
        if (got === expected || got === lesspaySign(arraysAsSent(body) as Json, creds.appSecret!)) return [];
        return [
          {
            message:
              got === undefined
                ? 'x-auth-signature is missing'
                : `x-auth-signature is wrong: ${signatureReason(body, creds.appSecret!, got, expected)}`,
            expected:
              'uppercase hex SHA-256 of the sorted non-empty k=v pairs of the body sent, then &key=<appSecret>',
            received: got === undefined ? '(absent)' : '(a different signature)',
            // The signature itself is a secret-derived value and never shown: the string it hashes is.
            corrected: { stringToSign: lesspayStringToSign(body, '<appSecret>') },
          },
        ];
      });
    },
  },
  {
    id: 'LPC-SCH-001',
    judge: (reqs) =>
      each(
        reqs.filter((r) => documented(r) && json(r) !== undefined),
        // Which id a query names is LPC-QRY-001's to judge; null and "" members read as absent (withoutEmpty).
        (r) =>
          schemaFinding(
            SCHEMAS[r.path]!,
            withoutEmpty(r.json),
            (p) =>
              QUERIES.includes(r.path) &&
              (p.expected === 'property "request_id"' || p.expected === 'property "pay_order_id"'),
          ),
      ),
  },
  {
    id: 'LPC-QRY-001',
    judge: (reqs) =>
      each(
        reqs.filter((r) => QUERIES.includes(r.path) && json(r) !== undefined),
        (r) => {
          const b = json(r)!;
          const has = (k: string) => typeof b[k] === 'string' && (b[k] as string).trim() !== '';
          if (has('request_id') || has('pay_order_id')) return [];
          return [
            {
              message: 'the query names neither request_id nor pay_order_id',
              expected: 'a non-empty request_id or pay_order_id',
              received: b,
              corrected: { ...b, request_id: '<the order’s request_id>' },
            },
          ];
        },
      ),
  },
  {
    id: 'LPC-QRY-002',
    judge: (reqs) =>
      each(
        // Judged when both bounds are given: L8 bounds a window, and the demo marks only start_time required, so a
        // window open at one end (a bound absent, null or "", read as absent as L3 does) is left to the gateway.
        reqs.filter((r) => {
          const b = json(r);
          const given = (v: unknown) => v !== undefined && !isEmpty(v);
          return r.path === '/api/global/v1/pay/query-order' && b && given(b.start_time) && given(b.end_time);
        }),
        (r) => {
          const b = json(r)!;
          const start = Number(b.start_time);
          const end = Number(b.end_time);
          if (Number.isFinite(start) && Number.isFinite(end) && start < end && end - start <= WEEK_MS)
            return [];
          return [
            {
              message: `the time window [${b.start_time}, ${b.end_time}] is not start < end within 7 days (604 800 000 ms)`,
              expected: 'start_time < end_time and end_time - start_time <= 604800000',
              received: { start_time: b.start_time, end_time: b.end_time },
              corrected: Number.isFinite(end)
                ? { start_time: String(end - WEEK_MS + 1), end_time: String(end) }
                : undefined,
            },
          ];
        },
      ),
  },
  {
    id: 'LPC-ID-001',
    // Profile C1: request_id is unique per endpoint family (pay-in; payout, single and batch): a gateway may keep
    // separate namespaces, so a pay-in's request_id may be used again for a payout.
    judge: (reqs) => {
      const byFamily = ID_FAMILIES.map((paths) =>
        idReuse(
          reqs.filter((r) => paths.includes(r.path) && json(r) !== undefined),
          (r) => {
            const id = json(r)!.request_id;
            return typeof id === 'string' && id !== '' ? id : undefined;
          },
          (r) => canonical(r.json),
          (r) => r.answer?.code === 0,
          'request_id',
        ),
      );
      return {
        judged: reqs.filter((r) => CREATES.includes(r.path) && json(r) !== undefined),
        findings: byFamily.flatMap((v) => v.findings),
        notes: byFamily.flatMap((v) => v.notes ?? []),
      };
    },
  },
  {
    id: 'LPC-BAT-001',
    judge: (reqs) =>
      each(
        reqs.filter((r) => r.path === '/api/global/payout/batch/create-order' && json(r) !== undefined),
        (r) => {
          const b = json(r)!;
          const details = Array.isArray(b.payout_order_details) ? b.payout_order_details : [];
          const amounts = details.map((d) => decimal(isObject(d) ? d.amount : undefined));
          const total = decimal(b.total_amount);
          // An amount that is not a decimal string is LPC-SCH-001's finding; the sum cannot be judged then.
          if (total === undefined || amounts.some((a) => a === undefined)) return [];
          const sum = (amounts as bigint[]).reduce((a, x) => a + x, 0n);
          if (sum === total) return [];
          return [
            {
              message: `total_amount ${b.total_amount} is not the sum of the ${details.length} detail amounts (${formatDecimal(sum)})`,
              expected: formatDecimal(sum),
              received: b.total_amount,
              corrected: { total_amount: formatDecimal(sum) },
            },
          ];
        },
      ),
  },
  {
    id: 'LPC-RSP-001',
    judge: (reqs) =>
      answersMatch(
        reqs.filter(documented),
        'lesspay/envelope.schema.json',
        {
          '/api/global/v1/pay/create-order': 'lesspay/pay-in-create-response.schema.json',
          '/api/global/v1/pay/query-order': 'lesspay/pay-in-query-response.schema.json',
          '/api/global/payout/query': 'lesspay/payout-query-response.schema.json',
        },
        (a) => a.code === 0,
      ),
  },
  { id: 'LPC-RTY-001', judge: retryKeepsOrder(ORDER.idOf, ORDER.sameOrder, 'request_id') },
  { id: 'LPC-RTY-002', judge: retryAfterHonoured(ORDER) },
  { id: 'LPC-DUP-001', judge: noResendAfterDuplicate },
  { id: 'LPC-RTY-003', judge: timeoutResolvedBySameId },
  { id: 'LPC-PND-001', judge: pendingQueriedNotRecreated },
  { id: 'LPC-AUTH-003', judge: signatureRefusalNotRetried },
  { id: 'LPC-REJ-001', judge: rejectedPayoutNotResubmitted },
];
