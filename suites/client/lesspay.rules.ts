import { createHash, createHmac } from 'node:crypto';
import {
  type ClientRequest,
  type ClientVerdict,
  clientRule,
  type DefinedClientRule,
} from '../../src/audit/client-kit.js';
import { lesspaySign, lesspayStringToSign } from '../../src/signing/lesspay.js';
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

/** The documents the checks' sections cite, by section name. */
export const docs: Record<string, string> = {
  'Pay In Error Codes': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7883854m0',
  'Pay In dev guide': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7883829m0',
  'Pay Out dev guide': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7883830m0',
  'profile C1': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/8036405m0',
  'profile L1': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/393710783e0',
  'profile L10': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7883830m0',
  'profile L2': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7883854m0',
  'profile L3': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7768724m0',
  'profile L6': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/7883839m0',
  'profile L7': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/8036405m0',
  'profile L8': 'https://s.apifox.cn/17fcf024-def0-4757-b581-cc37eaba666a/393710783e0',
};

export const rules: DefinedClientRule[] = [
  clientRule(
    {
      id: 'LPC-TRN-001',
      title: 'every request is a POST to a documented endpoint',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'client: every request',
      clause: 'Every documented endpoint is `POST` with a JSON body.',
      spec: { section: 'profile L1' },
      note: 'The endpoints the vendor demo documents count too: payout bank, balance and triggerNotify (lesspay.md §4.6–4.8).',
      killedBy: ['put-query'],
    },
    postToDocumented('Lesspay', ENDPOINTS),
  ),
  clientRule(
    {
      id: 'LPC-TRN-002',
      title: 'every request body is a JSON object sent as application/json',
      level: 'MUST',
      reading: 'L1',
      endpoint: 'client: every request',
      clause: 'Every documented endpoint is `POST` with a JSON body.',
      spec: { section: 'profile L1' },
      killedBy: ['text-plain'],
    },
    jsonObjectBody,
  ),
  clientRule(
    {
      id: 'LPC-AUTH-001',
      title: 'x-auth-appid carries the app id',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'client: every request',
      clause:
        'Headers `x-auth-appid`, `X-Auth-Timestamp` (13-digit milliseconds), `x-auth-signature` (names are case-insensitive).',
      spec: { section: 'profile L3' },
      killedBy: ['no-appid'],
    },
    (reqs, creds) =>
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
  ),
  clientRule(
    {
      id: 'LPC-AUTH-002',
      title: 'X-Auth-Timestamp is a 13-digit millisecond timestamp',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'client: every request',
      clause:
        'Headers `x-auth-appid`, `X-Auth-Timestamp` (13-digit milliseconds), `x-auth-signature` (names are case-insensitive).',
      spec: { section: 'profile L3' },
      killedBy: ['seconds-timestamp'],
    },
    (reqs) =>
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
  ),
  clientRule(
    {
      id: 'LPC-SIG-001',
      title: 'x-auth-signature is the L3 signature of the body sent',
      level: 'MUST',
      reading: 'L3',
      endpoint: 'client: every request',
      clause:
        'Signature = uppercase hex SHA-256 (plain hash, not HMAC) of: the body\'s top-level keys with a non-empty value (not null, not `""`), sorted by ASCII, joined as `k=v` with `&`, followed by `&key=<appSecret>`.',
      spec: { section: 'profile L3' },
      note: 'When the signature is wrong the finding names the likely mistake: empty values signed, keys unsorted, HMAC, lower-case hex, or a body changed after signing. L3 does not say whether empty members inside an array are signed: signed as written or left out (as the vendor demo does), both are accepted.',
      killedBy: ['signs-empty-values', 'unsorted-keys', 'hmac-signature', 'changed-after-signing'],
    },
    (reqs, creds): ClientVerdict => {
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
  ),
  clientRule(
    {
      id: 'LPC-SCH-001',
      title: "every request body matches its endpoint's request schema",
      level: 'MUST',
      reading: 'L6',
      endpoint: 'client: every documented endpoint',
      clause:
        'a required field missing, a wrong type, an amount that is not a string holding a positive decimal, a URL that is not http(s), a field over its length',
      spec: { section: 'profile L6' },
      note: 'Judged with the request schemas in schemas/lesspay/ (required fields, types, amounts as strings, lengths, URLs, enums); the id a query names is LPC-QRY-001\'s. null and "" members read as absent, as L3 drops them from the signature (a client may serialise unset optional fields so); an empty required field reads as missing.',
      killedBy: ['amount-as-number'],
    },
    (reqs) =>
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
  ),
  clientRule(
    {
      id: 'LPC-QRY-001',
      title: 'a query names request_id or pay_order_id',
      level: 'MUST',
      reading: 'L8',
      endpoint: 'POST /api/global/v1/pay/query-order, POST /api/global/payout/query',
      clause:
        'neither `request_id` nor `pay_order_id`: non-zero code and `msg` exactly `mchOrderNo and payOrderId cannot be empty at the same time`.',
      spec: { section: 'profile L8' },
      killedBy: ['query-without-id'],
    },
    (reqs) =>
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
  ),
  clientRule(
    {
      id: 'LPC-QRY-002',
      title: "a pay-in query's time window is start < end, at most 7 days",
      level: 'MUST',
      reading: 'L8',
      endpoint: 'POST /api/global/v1/pay/query-order',
      clause:
        '`start_time >= end_time`, or `end_time - start_time` > 7 days (604 800 000 ms): non-zero code and `msg` exactly `Request time error`. A span of exactly 7 days is accepted.',
      spec: { section: 'profile L8' },
      note: 'Judged when both bounds are given (null or "" read as absent): the demo marks only start_time required, so a window open at one end is the gateway\'s to take.',
      killedBy: ['eight-day-window'],
    },
    (reqs) =>
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
  ),
  clientRule(
    {
      id: 'LPC-ID-001',
      title: 'a new order never reuses the request_id of a different earlier order of its family',
      level: 'MUST',
      reading: 'C1',
      endpoint: 'pay-in and payout create-order',
      spec: { section: 'profile C1' },
      note: 'Families: pay-in (create-order), payout (single and batch create-order); the docs say only "unique under app id" per API, and a gateway may keep separate namespaces, so a pay-in\'s request_id used again for a payout is allowed. A resend of the identical body is a retry and is noted, not failed; an id whose first request the gateway refused created nothing and may be reused.',
      killedBy: ['reuses-request-id'],
    },
    // Profile C1: request_id is unique per endpoint family (pay-in; payout, single and batch): a gateway may keep
    // separate namespaces, so a pay-in's request_id may be used again for a payout.
    (reqs) => {
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
  ),
  clientRule(
    {
      id: 'LPC-BAT-001',
      title: "a batch payout's total_amount is the sum of its detail amounts",
      level: 'MUST',
      reading: 'L10',
      endpoint: 'POST /api/global/payout/batch/create-order',
      clause:
        'a batch whose `total_amount` differs from the sum of detail amounts gets 30002 (SHOULD; MUST non-zero)',
      spec: { section: 'profile L10' },
      note: 'Sums are exact decimals, never floats.',
      killedBy: ['wrong-batch-total'],
    },
    (reqs) =>
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
  ),
  clientRule(
    {
      id: 'LPC-RSP-001',
      title: "the gateway's answers match the response schemas",
      level: 'SHOULD',
      reading: 'L2',
      endpoint: 'gateway answers the client received',
      clause:
        '`{ "code": integer, "msg": string, "data"?: object|null }`. `code` is a JSON integer (never a string), `0` means success and only success.',
      spec: { section: 'profile L2' },
      note: "Judges the gateway, not the client: what `paycert proxy` sees of a sandbox. SHOULD, so a sandbox's fault never fails the client's verdict unless --strict; the gateway suite (`paycert run`) certifies the gateway.",
      killedBy: ['mock:code-as-string'],
    },
    (reqs) =>
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
  ),
  clientRule(
    {
      id: 'LPC-RTY-001',
      title: 'a retry after an HTTP 5xx on create-order keeps the request_id and the body',
      level: 'SHOULD',
      reading: 'L7',
      endpoint: 'pay-in and payout create-order (scenarios create-500, create-503-retry-after)',
      clause:
        'A second create with the same `request_id` gets code 1201 and leaves the first order unchanged.',
      spec: { section: 'profile L7' },
      note: "Runs only under `--scenario`. Lesspay documents no retry rule, hence SHOULD: a 5xx leaves the order's existence unknown, and only a resend with the same request_id is safe (L7 answers it 1201 if the first attempt got through). A client that does not retry is skipped, not failed. The retry is the later request to the same path with the same id, or with the same body under a new id: another order the client sent meanwhile is not taken for it.",
      killedBy: ['new-id-on-retry'],
    },
    retryKeepsOrder(ORDER.idOf, ORDER.sameOrder, 'request_id'),
  ),
  clientRule(
    {
      id: 'LPC-RTY-002',
      title: 'a retry after HTTP 503 waits at least the Retry-After delay',
      level: 'SHOULD',
      reading: 'L7',
      endpoint: 'pay-in and payout create-order (scenario create-503-retry-after)',
      clause:
        'A second create with the same `request_id` gets code 1201 and leaves the first order unchanged.',
      spec: { section: 'profile L7' },
      note: 'Runs only under `--scenario create-503-retry-after`. Lesspay documents no Retry-After; RFC 9110 §10.2.3 defines it, hence SHOULD. Measured from the arrival of the first attempt to that of the retry. The retry is the later request to the same path with the same id, or with the same body under a new id: another order the client sent meanwhile is not taken for it.',
      killedBy: ['ignores-retry-after'],
    },
    retryAfterHonoured(ORDER),
  ),
  clientRule(
    {
      id: 'LPC-DUP-001',
      title: 'after 1201 Duplicate Data Exists the client does not resend that request_id',
      level: 'SHOULD',
      reading: 'L7',
      endpoint: 'pay-in and payout create-order (scenario duplicate-request-id)',
      clause:
        'A second create with the same `request_id` gets code 1201 and leaves the first order unchanged.',
      spec: { section: 'Pay In Error Codes' },
      note: 'Runs only under `--scenario duplicate-request-id` (the order is created, the client is told 1201). The error-code table (lesspay.md §5.2) says of 1201: "The request_id or another unique field already exists. Do not retry with the same ID." Retries are client behaviour the profile does not rule on, hence SHOULD. Querying the order by that request_id, or creating under a new id, are both fine.',
      killedBy: ['resends-duplicate-id'],
    },
    noResendAfterDuplicate,
  ),
  clientRule(
    {
      id: 'LPC-RTY-003',
      title: 'a create whose answer never comes is given up on, then resolved by the same request_id',
      level: 'SHOULD',
      reading: 'L7',
      endpoint: 'pay-in and payout create-order (scenario create-timeout)',
      clause:
        'A second create with the same `request_id` gets code 1201 and leaves the first order unchanged.',
      spec: { section: 'profile L7' },
      note: "Runs only under `--scenario create-timeout`: the gateway creates the order and its answer is withheld (`--scenario-hold`, default 30 s). The client SHOULD give up before the hold ends (a client deadline), then learn the order's fate with the SAME request_id: a resend of the identical body (L7 answers 1201 when the first attempt got through) or a query by request_id. The same order created under a new request_id before that is a possible double charge. Lesspay documents no timeout rule, hence SHOULD.",
      killedBy: ['new-id-after-timeout'],
    },
    timeoutResolvedBySameId,
  ),
  clientRule(
    {
      id: 'LPC-PND-001',
      title: 'a pay-in answered as pending is queried, not created again',
      level: 'SHOULD',
      reading: 'L8',
      endpoint:
        'POST /api/global/v1/pay/create-order, POST /api/global/v1/pay/query-order (scenario pending-then-success)',
      spec: { section: 'Pay In dev guide' },
      note: 'Runs only under `--scenario pending-then-success` (the mock pays every new pay-in by itself after 1 s). Dev guide Step 4 "Query Status (Optional but Recommended)": "verify order status using /api/global/v1/pay/query-order, specifically for orders that stay in PENDING states"; hence SHOULD. Fails when the same order (amount, currency, product) is created under a new request_id before the first is queried, or when a pending order is never queried and the create named no notify_url. With a notify_url and no query the client may rely on the webhook, which paycert does not see: noted. A resend with the same request_id is harmless (L7 answers 1201): noted.',
      killedBy: ['recreates-pending-order'],
    },
    pendingQueriedNotRecreated,
  ),
  clientRule(
    {
      id: 'LPC-AUTH-003',
      title: 'a create refused as wrongly signed is not resent unchanged again and again',
      level: 'SHOULD',
      reading: 'L3',
      endpoint: 'pay-in and payout create-order (scenario invalid-signature)',
      clause:
        'A request with a missing or wrong signature, or a missing or unknown app id, gets HTTP 401 (MUST) and SHOULD carry the envelope with a non-zero code.',
      spec: { section: 'profile L3' },
      note: 'Runs only under `--scenario invalid-signature`: the first create, and every identical resend of it, gets HTTP 401 with code 5004. A signature refusal is not transient (the signature covers the body and the secret only), so a resend of the same body cannot succeed; one resend (e.g. with a fresh timestamp, whose tolerance is undocumented) is tolerated and noted, a second fails. Retry policy is undocumented, hence SHOULD.',
      killedBy: ['retries-any-error'],
    },
    signatureRefusalNotRetried,
  ),
  clientRule(
    {
      id: 'LPC-REJ-001',
      title: 'a payout rejected in review is looked up, not resubmitted by the client',
      level: 'SHOULD',
      reading: 'L10',
      endpoint:
        'payout create-order and batch create-order, POST /api/global/payout/query (scenario payout-rejected)',
      spec: { section: 'Pay Out dev guide' },
      note: 'Runs only under `--scenario payout-rejected` (the mock\'s review rejects every payout: FAILED, audit_state REJECTED). Dev guide: "Rejected: The order status becomes FAILED, and a notification is sent": a rejection is a decision of Lesspay Operations (30003 Review Rejected), not a transient failure. Fails when the client resubmits a payout it saw rejected (the same request_id, or the same amount, currency and beneficiary account under a new one), or never asks about a payout that named no notify_url. With a notify_url and no query, the client may learn the outcome from the webhook, which paycert does not see: noted. Hence SHOULD: the docs state no client rule.',
      killedBy: ['resubmits-rejected-payout'],
    },
    rejectedPayoutNotResubmitted,
  ),
];
