import { createVerify } from 'node:crypto';
import type { ClientRequest, ClientRule, ClientVerdict } from '../../src/index.js';
import { paylocoVerify, validate } from '../../src/index.js';
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

export const rules: ClientRule[] = [
  { id: 'PLC-TRN-001', judge: postToDocumented('Payloco', SCHEMAS) },
  { id: 'PLC-TRN-002', judge: jsonObjectBody },
  {
    id: 'PLC-PRM-001',
    judge: (reqs) =>
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
  },
  {
    id: 'PLC-SIG-001',
    judge: (reqs, creds): ClientVerdict => {
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
  },
  {
    id: 'PLC-COM-001',
    judge: (reqs, creds) =>
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
  },
  {
    id: 'PLC-SCH-001',
    judge: (reqs) =>
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
  },
  {
    id: 'PLC-SCH-002',
    judge: (reqs) =>
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
  },
  {
    id: 'PLC-QRY-001',
    judge: (reqs) =>
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
  },
  {
    id: 'PLC-ID-001',
    judge: (reqs) =>
      idReuse(
        reqs.filter((r) => PAYS.includes(r.path) && json(r) !== undefined),
        merchantOrderId,
        // requestTime changes on every send: a retry is the same order without it.
        sameOrder,
        (r) => ['00000000', '00000003'].includes(r.answer?.code as string),
        'merchantOrderId',
      ),
  },
  {
    id: 'PLC-RSP-001',
    judge: (reqs) =>
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
  },
  {
    id: 'PLC-RTY-001',
    judge: retryKeepsOrder(merchantOrderId, sameOrder, 'merchantOrderId'),
  },
  { id: 'PLC-RTY-002', judge: retryAfterHonoured({ idOf: merchantOrderId, sameOrder }) },
  // Under the other scenarios (payloco-sequels.ts): what the client does after the scenario's failure.
  { id: 'PLC-RTY-003', judge: timeoutResolvedWithSameId },
  { id: 'PLC-DUP-001', judge: duplicateNotResent },
  { id: 'PLC-SIG-002', judge: signatureRefusalNotRetried },
  { id: 'PLC-PND-001', judge: pendingQueriedNotRecreated },
];
