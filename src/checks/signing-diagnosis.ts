import type { CheckContext } from '../engine/context.js';
import {
  diagnose,
  diagnosisLine,
  diagnosisRequest,
  type SentAnswer,
  signatureHeader,
} from '../engine/diagnose.js';
import { gatewayModel } from '../gateways/index.js';

/**
 * Inside a signing check whose correctly signed request was refused: tries the signing mistakes gateways make on one
 * harmless request, through the check's own seam (so the attempts are evidence), and says what it found. Where a
 * refusal is not HTTP 401 (no documented code), the answer to a wrongly signed query is fetched first to compare.
 */
export async function signingDiagnosis(t: CheckContext): Promise<string>;
/** With `onlyAccepted`: the finding when a mistake was accepted, else undefined (for a refusal of one shape only). */
export async function signingDiagnosis(t: CheckContext, onlyAccepted: true): Promise<string | undefined>;
export async function signingDiagnosis(t: CheckContext, onlyAccepted = false): Promise<string | undefined> {
  const { path, body } = diagnosisRequest(t.gateway, t.credentials);
  let refusal: SentAnswer | undefined;
  if (!gatewayModel(t.gateway).signing.refusesWith401) {
    const wrong = await t.post(path, body, { auth: 'bad-signature' });
    refusal = { status: wrong.status, json: wrong.body };
  }
  const { accepted, tried } = await diagnose(
    t.gateway,
    t.credentials,
    body,
    async (mistake) => {
      const res = await t.post(path, mistake.raw, {
        headers: { [signatureHeader(t.gateway)]: mistake.signature },
      });
      return { status: res.status, json: res.body };
    },
    refusal,
  );
  if (accepted) return `diagnosis: ${diagnosisLine(accepted)}`;
  if (onlyAccepted) return undefined;
  return `diagnosis: none of ${tried.length} common signing mistakes was accepted either (${tried.join('; ')})`;
}
