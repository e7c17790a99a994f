import { createVerify } from 'node:crypto';
import {
  type ClientRequest,
  type ClientVerdict,
  clientRule,
  type DefinedClientRule,
} from '../../src/audit/client-kit.js';
import { validate } from '../../src/core/schema-registry.js';
import { paylocoVerify } from '../../src/signing/payloco.js';
import {
  duplicateNotResent,
  merchantOrderId,
  PAYS,
  pendingQueriedNotRecreated,
  sameOrder,
  signatureRefusalNotRetried,
  timeoutResolvedWithSameId,
} from './payloco-sequels.js';
import {
  answersMatch,
  canonical,
  each,
  idReuse,
  isObject,
  jsonObjectBody,
  postToDocumented,
  retryAfterHonoured,
  retryKeepsOrder,
  schemaFinding,
} from './shared.js';

// PLC: the integrator's Payloco client, judged on the requests it sent (profile P1, P3–P7, P9).

type Json = Record<string, unknown>;

const SCHEMAS: Record<string, string> = {
  '/v1/payments/open/api/pay': 'payloco/pay-v1-request.schema.json',
  '/v1/payments/open/api/query': 'payloco/query-request.schema.json',
  '/v1/payments/open/api/preAuthVoid': 'payloco/preauth-void-request.schema.json',
  '/v2/payments/open/api/pay': 'payloco/pay-v2-request.schema.json',
};
const COMMON = [
  'charset',
  'version',
  'signType',
  'merchantId',
  'memberId',
  'requestTime',
  'keyVersion',
  'transType',
  'accessType',
];
// transType is required on v1 pay and query (P3): the endpoint schema judges it, not the common-parameter rule.
const COMMON_ONLY = COMMON.filter((k) => k !== 'transType');

const documented = (r: ClientRequest) => r.path in SCHEMAS;

const isEmpty = (v: unknown) => v === null || v === '';

/** The body with every object member that is null or "" left out, at any depth (profile C2 reads them as absent). */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => [k, withoutEmpty(v)]),
  );
}

/** The object members sent null or "", as JSON pointers with their value. */
function emptyMembers(value: unknown, at = ''): { pointer: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyMembers(v, `${at}/${i}`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    isEmpty(v) ? [{ pointer: `${at}/${k}`, value: v }] : emptyMembers(v, `${at}/${k}`),
  );
}

/** The members the schema requires that this body lacks, as JSON pointers. */
function requiredOf(schema: string, body: unknown): Set<string> {
  const out = new Set<string>();
  for (const p of validate(schema, body).problems) {
    const name = typeof p.expected === 'string' ? /^property "(.*)"$/.exec(p.expected)?.[1] : undefined;
    if (name !== undefined) out.add(`${p.pointer === '/' ? '' : p.pointer}/${name}`);
  }
  return out;
}
const json = (r: ClientRequest): Json | undefined => (isObject(r.json) ? r.json : undefined);

function verifies(algorithm: string, raw: Buffer, signature: string, key: string): boolean {
  try {
    return createVerify(algorithm).update(raw).verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

/** Why a `signature` header that does not verify over the raw body is wrong, when a known mistake explains it. */
function signatureReason(r: ClientRequest, sig: string, key: string): string {
  if (!/^[A-Za-z0-9+/]+=*$/.test(sig)) return 'it is not Base64 (P6 sends Base64 of the RSA signature)';
  for (const alg of ['RSA-SHA1', 'RSA-SHA512', 'RSA-SHA384'])
    if (verifies(alg, r.raw, sig, key)) return `it was made with ${alg}; P6 is SHA256withRSA`;
  const json = r.json;
  if (json !== undefined) {
    const reserialised = [JSON.stringify(json), JSON.stringify(json, null, 2), canonical(json)];
    for (const text of reserialised)
      if (text !== r.text && verifies('RSA-SHA256', Buffer.from(text, 'utf8'), sig, key))
        return 'it signs another serialisation of the body, not the exact bytes sent: sign the raw body string and send that string';
  }
  return 'it does not verify over the raw body with the merchant public key: the body was changed after signing, or another key was used';
}

/** The documents the checks' sections cite, by section name. */
export const docs: Record<string, string> = {
  'paycert profile P9': 'https://doc2.payloco.com/api-reference/acquiring/transaction-query',
  'payloco acquiring/payment': 'https://doc2.payloco.com/api-reference/acquiring/payment',
  'payloco api-reference/introduction': 'https://doc2.payloco.com/api-reference/introduction',
  'payloco public-body/request': 'https://doc2.payloco.com/developers/public-body/request',
  'payloco public-body/response': 'https://doc2.payloco.com/developers/public-body/response',
  'payloco sign-tool': 'https://doc2.payloco.com/developers/sign-tool',
};

export const rules: DefinedClientRule[] = [
  clientRule(
    {
      id: 'PLC-TRN-001',
      title: 'every request is a POST to a documented endpoint',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'client: every request',
      clause:
        '`POST` with a JSON body on `/v1/payments/open/api/pay`, `/v1/payments/open/api/query`, `/v1/payments/open/api/preAuthVoid` (and `/v2/payments/open/api/pay`, business fields nested in `data`).',
      spec: { section: 'payloco api-reference/introduction' },
      killedBy: ['put-query'],
    },
    postToDocumented('Payloco', SCHEMAS),
  ),
  clientRule(
    {
      id: 'PLC-TRN-002',
      title: 'every request body is a JSON object sent as application/json',
      level: 'MUST',
      reading: 'P1',
      endpoint: 'client: every request',
      clause: '`POST` with a JSON body',
      spec: { section: 'payloco api-reference/introduction' },
      killedBy: ['text-plain'],
    },
    jsonObjectBody,
  ),
  clientRule(
    {
      id: 'PLC-PRM-001',
      title: 'parameters are in the body, none in the query string',
      level: 'MUST',
      reading: 'P5',
      endpoint: 'client: every request',
      clause:
        'A POST that carries its parameters in the query string instead of the body MUST fail (seed FAQ: missing system parameters).',
      spec: { section: 'payloco public-body/request' },
      killedBy: ['params-in-query-string'],
    },
    (reqs) =>
      each(reqs, (r) =>
        r.query === ''
          ? []
          : [
              {
                message: `parameters were sent in the query string (${r.query.slice(0, 120)}); P5 puts every parameter in the JSON body`,
                expected: 'no query string; every parameter in the body',
                received: r.query.slice(0, 200),
                corrected: {
                  url: r.path,
                  body: { ...(json(r) ?? {}), ...Object.fromEntries(new URLSearchParams(r.query)) },
                },
              },
            ],
      ),
  ),
  clientRule(
    {
      id: 'PLC-SIG-001',
      title: 'the signature header is SHA256withRSA over the raw body sent',
      level: 'MUST',
      reading: 'P6',
      endpoint: 'client: every request',
      clause:
        "Header `signature` = Base64(SHA256withRSA(raw request body bytes, UTF-8)) with the merchant's RSA private key (>= 2048 bits, PKCS#8).",
      spec: { section: 'payloco sign-tool' },
      note: 'When the signature is wrong the finding names the likely mistake: not Base64, another hash, another serialisation than the bytes sent, or a body changed after signing.',
      killedBy: ['signs-reserialised-body', 'sha1-signature'],
    },
    (reqs, creds): ClientVerdict => {
      const applies = reqs.filter((r) => r.text !== undefined && r.raw.length > 0);
      if (applies.length && !creds.merchantPublicKeyPem)
        return { judged: applies, findings: [], cannotJudge: 'PAYLOCO_PRIVATE_KEY was not given to paycert' };
      const key = creds.merchantPublicKeyPem!;
      return each(applies, (r) => {
        const sig = r.headers.signature;
        if (sig !== undefined && paylocoVerify(r.text!, sig, key)) return [];
        return [
          {
            message:
              sig === undefined
                ? 'the signature header is missing'
                : `the signature is wrong: ${signatureReason(r, sig, key)}`,
            expected: 'signature: Base64(SHA256withRSA(raw body bytes)) with the merchant private key',
            received: sig === undefined ? '(absent)' : '(a signature that does not verify)',
            corrected: { signature: "createSign('RSA-SHA256').update(rawBody).sign(privateKey, 'base64')" },
          },
        ];
      });
    },
  ),
  clientRule(
    {
      id: 'PLC-COM-001',
      title: 'the common parameters are present and well-formed',
      level: 'MUST',
      reading: 'P4',
      endpoint: 'client: every documented endpoint',
      clause:
        '`charset`, `version` (only `2.0.0` accepted: another value MUST fail), `transType`, `accessType`, `signType` (`RSA`), `memberId`, `merchantId` (required: missing MUST fail), `requestTime`, `keyVersion`.',
      spec: { section: 'payloco public-body/request' },
      note: 'Judged with schemas/payloco/request-common.schema.json; merchantId must be the merchant id the client was given.',
      killedBy: ['wrong-version'],
    },
    (reqs, creds) =>
      each(
        reqs.filter((r) => documented(r) && json(r) !== undefined),
        (r) => {
          const b = json(r)!;
          const out = schemaFinding(
            'payloco/request-common.schema.json',
            Object.fromEntries(Object.entries(b).filter(([k]) => COMMON.includes(k))),
          );
          if (out.length === 0 && creds.merchantId !== undefined && b.merchantId !== creds.merchantId)
            out.push({
              message: 'merchantId is not the merchant id given to the client',
              expected: creds.merchantId,
              received: b.merchantId,
            });
          for (const f of out)
            f.corrected = {
              charset: 'UTF-8',
              version: '2.0.0',
              signType: 'RSA',
              merchantId: creds.merchantId ?? '<merchant id>',
            };
          return out;
        },
      ),
  ),
  clientRule(
    {
      id: 'PLC-SCH-001',
      title: "every request body matches its endpoint's request schema",
      level: 'MUST',
      reading: 'P3',
      endpoint: 'client: every documented endpoint',
      clause:
        '`"22070030"` with message `Format error-transType cannot be empty` and status `FAILED` when `transType` is missing from a v1 pay or v1 query request',
      spec: { section: 'payloco acquiring/payment' },
      note: "Judged with the request schemas in schemas/payloco/ (transType on v1 pay and query, amounts as strings, URLs, enums); the common parameters are PLC-COM-001's, the query's id PLC-QRY-001's. A member sent null or \"\" is judged as absent (profile C2): a required one is missing here, an optional one is PLC-SCH-002's SHOULD.",
      killedBy: ['amount-as-number'],
    },
    (reqs) =>
      each(
        reqs.filter((r) => documented(r) && json(r) !== undefined),
        // The common parameters are PLC-COM-001's to judge, the query's id PLC-QRY-001's. A member sent null or ""
        // is judged as absent (profile C2): optional, it is PLC-SCH-002's SHOULD; required, it is missing here.
        (r) =>
          schemaFinding(SCHEMAS[r.path]!, withoutEmpty(r.json), (p) => {
            const top = p.pointer.split('/')[1] ?? '';
            const missing =
              typeof p.expected === 'string' ? /^property "(.*)"$/.exec(p.expected)?.[1] : undefined;
            return (
              COMMON_ONLY.includes(top) ||
              (p.pointer === '/' &&
                missing !== undefined &&
                (COMMON_ONLY.includes(missing) || ['merchantOrderId', 'orderId'].includes(missing)))
            );
          }),
      ),
  ),
  clientRule(
    {
      id: 'PLC-SCH-002',
      title: 'optional business fields are left out rather than sent null or empty',
      level: 'SHOULD',
      reading: 'C2',
      endpoint: 'client: every documented endpoint',
      spec: { section: 'payloco acquiring/payment' },
      note: "Payloco documents no rule like Lesspay's L3 that drops empty values, so a gateway may read null or \"\" as a value: leaving the member out is safe. Not wrong, hence SHOULD (profile C2); a required member sent empty is PLC-SCH-001's MUST, a common parameter PLC-COM-001's.",
      killedBy: ['sends-null-optional'],
    },
    (reqs) =>
      each(
        reqs.filter((r) => documented(r) && json(r) !== undefined),
        (r) => {
          const required = requiredOf(SCHEMAS[r.path]!, withoutEmpty(r.json));
          return emptyMembers(r.json)
            .filter((e) => !COMMON.includes(e.pointer.slice(1)) && !required.has(e.pointer))
            .map((e) => ({
              message: `optional member ${e.pointer} is sent as ${JSON.stringify(e.value)}: Payloco documents no rule that drops empty values, so leave it out`,
              expected: `${e.pointer} left out`,
              received: e.value,
            }));
        },
      ),
  ),
  clientRule(
    {
      id: 'PLC-QRY-001',
      title: 'a query names merchantOrderId or orderId',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'POST /v1/payments/open/api/query',
      clause: 'Query by `merchantOrderId` or `orderId`',
      spec: { section: 'paycert profile P9' },
      killedBy: ['query-without-id'],
    },
    (reqs) =>
      each(
        reqs.filter((r) => r.path === '/v1/payments/open/api/query' && json(r) !== undefined),
        (r) => {
          const b = json(r)!;
          const has = (k: string) => typeof b[k] === 'string' && (b[k] as string).trim() !== '';
          if (has('merchantOrderId') || has('orderId')) return [];
          return [
            {
              message: 'the query names neither merchantOrderId nor orderId',
              expected: 'a non-empty merchantOrderId or orderId',
              received: b,
              corrected: { ...b, merchantOrderId: '<the order’s merchantOrderId>' },
            },
          ];
        },
      ),
  ),
  clientRule(
    {
      id: 'PLC-ID-001',
      title: 'a new payment never reuses the merchantOrderId of a different order',
      level: 'MUST',
      reading: 'P9',
      endpoint: 'POST /v1/payments/open/api/pay, POST /v2/payments/open/api/pay',
      clause: 'Duplicate `merchantOrderId` on pay MUST NOT create a second order.',
      spec: { section: 'paycert profile P9' },
      note: 'A resend of the identical body (requestTime aside) is a retry and is noted, not failed.',
      killedBy: ['reuses-merchant-order-id'],
    },
    (reqs) =>
      idReuse(
        reqs.filter((r) => PAYS.includes(r.path) && json(r) !== undefined),
        merchantOrderId,
        // requestTime changes on every send: a retry is the same order without it.
        sameOrder,
        (r) => ['00000000', '00000003'].includes(r.answer?.code as string),
        'merchantOrderId',
      ),
  ),
  clientRule(
    {
      id: 'PLC-RSP-001',
      title: "the gateway's answers match the response schemas",
      level: 'SHOULD',
      reading: 'P2',
      endpoint: 'gateway answers the client received',
      clause:
        '`{ "code": string of 8 digits, "message": string, "traceId": non-empty string, "data": object with "status" ∈ PENDING | SUCCESS | FAILED | CLOSED }`',
      spec: { section: 'payloco public-body/response' },
      note: "Judges the gateway, not the client: what `paycert proxy` sees of a sandbox. Accepted pay and query answers are judged whole (pay-response.schema.json, query-response.schema.json), every other answer by the envelope. SHOULD, so a sandbox's fault never fails the client's verdict unless --strict; the gateway suite (`paycert run`) certifies the gateway.",
      killedBy: ['mock:code-numeric', 'mock:query-complete-time-number'],
    },
    (reqs) =>
      answersMatch(
        reqs.filter(documented),
        'payloco/envelope.schema.json',
        {
          '/v1/payments/open/api/pay': 'payloco/pay-response.schema.json',
          '/v2/payments/open/api/pay': 'payloco/pay-response.schema.json',
          '/v1/payments/open/api/query': 'payloco/query-response.schema.json',
        },
        (a) => a.code === '00000000' || a.code === '00000003',
      ),
  ),
  clientRule(
    {
      id: 'PLC-RTY-001',
      title: 'a retry after an HTTP 5xx on pay keeps the merchantOrderId and the order',
      level: 'SHOULD',
      reading: 'P9',
      endpoint:
        'POST /v1/payments/open/api/pay, POST /v2/payments/open/api/pay (scenarios pay-500, pay-503-retry-after)',
      clause: 'Duplicate `merchantOrderId` on pay MUST NOT create a second order.',
      spec: { section: 'paycert profile P9' },
      note: "Runs only under `--scenario`. Payloco documents no retry rule, hence SHOULD: a 5xx leaves the order's existence unknown, and only a resend with the same merchantOrderId is safe (P9). requestTime may change. A client that does not retry is skipped, not failed. The retry is the later request to the same path with the same id, or with the same body under a new id: another order the client sent meanwhile is not taken for it.",
      killedBy: ['new-id-on-retry'],
    },
    retryKeepsOrder(merchantOrderId, sameOrder, 'merchantOrderId'),
  ),
  clientRule(
    {
      id: 'PLC-RTY-002',
      title: 'a retry after HTTP 503 waits at least the Retry-After delay',
      level: 'SHOULD',
      reading: 'P9',
      endpoint:
        'POST /v1/payments/open/api/pay, POST /v2/payments/open/api/pay (scenario pay-503-retry-after)',
      clause: 'Duplicate `merchantOrderId` on pay MUST NOT create a second order.',
      spec: { section: 'paycert profile P9' },
      note: 'Runs only under `--scenario pay-503-retry-after`. Payloco documents no Retry-After; RFC 9110 §10.2.3 defines it, hence SHOULD. Measured from the arrival of the first attempt to that of the retry. The retry is the later request to the same path with the same id, or with the same body under a new id: another order the client sent meanwhile is not taken for it.',
      killedBy: ['ignores-retry-after'],
    },
    retryAfterHonoured({ idOf: merchantOrderId, sameOrder }),
  ),
  // Under the other scenarios (payloco-sequels.ts): what the client does after the scenario's failure.
  clientRule(
    {
      id: 'PLC-RTY-003',
      title: 'a pay that never answers is given up, then resolved with the same merchantOrderId',
      level: 'SHOULD',
      reading: 'P9',
      endpoint: 'POST /v1/payments/open/api/pay, POST /v2/payments/open/api/pay (scenario pay-timeout)',
      clause: 'Query by `merchantOrderId` or `orderId`',
      spec: { section: 'paycert profile P9' },
      note: 'Runs only under `--scenario pay-timeout`: the order is created, the answer withheld. Payloco documents no timeout rule, hence SHOULD. The client must give up before the hold ends (a per-request deadline), then ask about the same merchantOrderId: a query by it, or the same body resent (answered as a duplicate, P9). Creating the order again under a new merchantOrderId makes a second order. Without such a request, a pay that gave a notifyUrl is noted (the webhook may tell the client; not observable here), one that gave none fails.',
      killedBy: ['new-id-after-timeout'],
    },
    timeoutResolvedWithSameId,
  ),
  clientRule(
    {
      id: 'PLC-DUP-001',
      title: 'after a duplicate answer, the merchantOrderId is not sent again',
      level: 'SHOULD',
      reading: 'P9',
      endpoint: 'POST /v1/payments/open/api/pay, POST /v2/payments/open/api/pay (scenario duplicate-order)',
      clause: 'Duplicate `merchantOrderId` on pay MUST NOT create a second order.',
      spec: { section: 'paycert profile P9' },
      note: "Runs only under `--scenario duplicate-order`: the first pay creates the order, then the client is told its merchantOrderId is a duplicate. The docs name no duplicate code: 22070041 is the bundled mock's choice (mocks/payloco/codes.ts), sent in the P2 envelope with status FAILED. Payloco documents no follow-up, hence SHOULD: a resend with that id is answered the same way (P9), so the client queries the order by it or pays under a new merchantOrderId; both pass.",
      killedBy: ['resends-duplicate'],
    },
    duplicateNotResent,
  ),
  clientRule(
    {
      id: 'PLC-SIG-002',
      title: 'a refused signature is not retried as if it were transient',
      level: 'SHOULD',
      reading: 'P6',
      endpoint: 'POST /v1/payments/open/api/pay, POST /v2/payments/open/api/pay (scenario invalid-signature)',
      clause: 'A missing or invalid signature MUST fail (non-success code, nothing created).',
      spec: { section: 'payloco sign-tool' },
      note: "Runs only under `--scenario invalid-signature`: the first pay is refused with the bundled mock's signature code 11000001 (the docs name none), unsigned, as the gateway signs only answers to verified requests (P6). Retries are undocumented, hence SHOULD. The same bytes resent carry the same refused signature; one re-signed resend (a fresh requestTime) is tolerated and noted, more fail.",
      killedBy: ['retries-any-failure'],
    },
    signatureRefusalNotRetried,
  ),
  clientRule(
    {
      id: 'PLC-PND-001',
      title: 'a pending pay is queried, not created again',
      level: 'SHOULD',
      reading: 'P7',
      endpoint:
        'POST /v1/payments/open/api/pay, POST /v1/payments/open/api/query (scenario pending-then-success)',
      clause: 'code `00000003`, status `PENDING`; a query then shows `PENDING` until paid.',
      spec: { section: 'payloco public-body/response' },
      note: 'Runs only under `--scenario pending-then-success`: the bundled mock pays every active QR by itself after 1 s and sends its webhook. The docs say 00000003 means the order awaits payment and shows PENDING; they document no polling, hence SHOULD. After a pending answer the client queries that order (by merchantOrderId or orderId) and does not send it again, under the same merchantOrderId or a new one (the same body otherwise). A pay that gave a notifyUrl and is not queried is noted (the webhook may tell the client; not observable here). A client whose pays are never pending is skipped.',
      killedBy: ['recreates-pending'],
    },
    pendingQueriedNotRecreated,
  ),
];
