import type { Gateway } from '../core/results.js';
import { gatewayModel } from '../gateways/index.js';
import type { Credentials } from '../gateways/types.js';
import type { SigningMistake } from '../signing/mistakes.js';

// Signing diagnosis (issue 22): when a gateway refuses a request signed as the docs say, the same harmless request
// is sent once per signing mistake gateways make. One that is accepted names what the gateway verifies (a gateway
// fault, exit 1); none accepted leaves the tester's credentials as the likely cause (exit 2 with the hint).

/** The header that carries a request's signature. */
export function signatureHeader(gateway: Gateway): string {
  return gatewayModel(gateway).signing.header;
}

/** The harmless request of the diagnosis (the gateway model's): a query of an order that does not exist. */
export function diagnosisRequest(
  gateway: Gateway,
  creds: Credentials,
): { path: string; body: Record<string, string> } {
  return gatewayModel(gateway).signing.diagnosisRequest(creds);
}

export function mistakesFor(
  gateway: Gateway,
  creds: Credentials,
  body: Record<string, string>,
): SigningMistake[] {
  return gatewayModel(gateway).signing.mistakes(creds, body);
}

export interface SentAnswer {
  status: number;
  json?: unknown;
}

function codeOf(json: unknown): unknown {
  return json && typeof json === 'object' ? (json as Record<string, unknown>).code : undefined;
}

/**
 * Whether an answer refuses the request as unauthenticated: HTTP 401 where the gateway documents it (L3); where it
 * documents no code for a refused signature (P6), an answer with the status and code a wrongly signed request got.
 */
export function isRefusal(gateway: Gateway, answer: SentAnswer, refusal?: SentAnswer): boolean {
  if (gatewayModel(gateway).signing.refusesWith401) return answer.status === 401;
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
