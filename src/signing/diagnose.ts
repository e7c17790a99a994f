import type { Gateway } from '../core/results.js';
import type { Credentials, LesspayCredentials, PaylocoCredentials } from '../gateways/types.js';
import { lesspayMistakes, paylocoMistakes, type SigningMistake } from './mistakes.js';

// Signing diagnosis (issue 22): when a gateway refuses a request signed as the docs say, the same harmless request
// is sent once per signing mistake gateways make. One that is accepted names what the gateway verifies (a gateway
// fault, exit 1); none accepted leaves the tester's credentials as the likely cause (exit 2 with the hint).

/** The header that carries a request's signature. */
export const SIGNATURE_HEADER: Record<Gateway, string> = {
  lesspay: 'x-auth-signature',
  payloco: 'signature',
};

/**
 * The harmless request of the diagnosis: a query of an order that does not exist, so it creates nothing. Lesspay's
 * body holds an empty member and keys out of ASCII order, so that every L3 mistake signs a string of its own.
 */
export function diagnosisRequest(
  gateway: Gateway,
  creds: Credentials,
): { path: string; body: Record<string, string> } {
  if (gateway === 'lesspay')
    return {
      path: '/api/global/v1/pay/query-order',
      body: { request_id: 'PCDIAG0000', pay_order_id: '', page_size: '20', page: '1' },
    };
  return {
    path: '/v1/payments/open/api/query',
    body: {
      version: '2.0.0',
      charset: 'UTF-8',
      transType: 'PAY',
      accessType: 's2s',
      signType: 'RSA',
      merchantId: (creds as PaylocoCredentials).merchantId,
      requestTime: new Date().toISOString(),
      merchantOrderId: 'PCDIAG0000',
    },
  };
}

export function mistakesFor(
  gateway: Gateway,
  creds: Credentials,
  body: Record<string, string>,
): SigningMistake[] {
  return gateway === 'lesspay'
    ? lesspayMistakes(body, (creds as LesspayCredentials).appSecret)
    : paylocoMistakes(body, (creds as PaylocoCredentials).privateKeyPem);
}

export interface SentAnswer {
  status: number;
  json?: unknown;
}

function codeOf(json: unknown): unknown {
  return json && typeof json === 'object' ? (json as Record<string, unknown>).code : undefined;
}

/**
 * Whether an answer refuses the request as unauthenticated. Lesspay: HTTP 401 (L3). Payloco documents no code for a
 * refused signature, so a refusal is an answer with the status and code a wrongly signed request got (`refusal`).
 */
export function isRefusal(gateway: Gateway, answer: SentAnswer, refusal?: SentAnswer): boolean {
  if (gateway === 'lesspay') return answer.status === 401;
  if (!refusal) return false;
  return answer.status === refusal.status && codeOf(answer.json) === codeOf(refusal.json);
}

export interface Diagnosis {
  /** The mistake the gateway accepted, if any. */
  accepted?: SigningMistake;
  /** What was tried, in words. */
  tried: string[];
}

/** Sends each mistake in turn (one request each, stopping at the first accepted): what the gateway verifies. */
export async function diagnose(
  gateway: Gateway,
  creds: Credentials,
  body: Record<string, string>,
  send: (mistake: SigningMistake) => Promise<SentAnswer>,
  refusal?: SentAnswer,
): Promise<Diagnosis> {
  const tried: string[] = [];
  for (const mistake of mistakesFor(gateway, creds, body)) {
    tried.push(mistake.verifies);
    const answer = await send(mistake);
    if (!isRefusal(gateway, answer, refusal) && answer.status !== 404 && answer.status !== 405)
      return { accepted: mistake, tried };
  }
  return { tried };
}

/** The finding when a mistake was accepted. */
export function diagnosisLine(mistake: SigningMistake): string {
  return `the target's signature check verifies ${mistake.verifies}: a query signed that way is accepted, while requests signed as the docs say are refused`;
}
