import type { Gateway } from '../core/results.js';
import { type Credentials, gatewayModel } from '../gateways/index.js';
import { diagnose, diagnosisLine, diagnosisRequest, type SentAnswer, signatureHeader } from './diagnose.js';
import { send, TransportError } from './http.js';

// One request before any check: an unreachable target or one that does not speak JSON is a configuration
// problem (exit 2), not a conformance verdict (style: bowtie smoke, schemathesis exit codes).

export interface SmokeOutcome {
  /** The target cannot be certified at all (exit 2). */
  error?: string;
  /** The run goes on, but the user should know (e.g. the credentials look wrong). */
  warning?: string;
}

function envelopeCode(json: unknown): unknown {
  return json && typeof json === 'object' ? (json as Record<string, unknown>).code : undefined;
}

/**
 * The target refused a request signed as the docs say: the signing mistakes gateways make are tried on one harmless
 * request. One accepted is the gateway's fault, reported as a warning while the checks run and fail at the signing
 * rule (exit 1); none accepted leaves the tester's credentials as the cause (exit 2 with the hint).
 */
async function diagnoseRefusal(
  gateway: Gateway,
  baseUrl: string,
  creds: Credentials,
  timeoutMs: number,
  remote: boolean,
  refused: { what: string; hint: string },
  refusal?: SentAnswer,
): Promise<SmokeOutcome> {
  const { path, body } = diagnosisRequest(gateway, creds);
  const { adapter } = gatewayModel(gateway);
  const { accepted, tried } = await diagnose(
    gateway,
    creds,
    body,
    async (mistake) => {
      const res = await send(
        {
          method: 'POST',
          url: baseUrl.replace(/\/+$/, '') + path,
          headers: {
            'content-type': 'application/json',
            ...adapter.authHeaders(creds, mistake.raw, body, 'valid'),
            [signatureHeader(gateway)]: mistake.signature,
          },
          body: mistake.raw,
        },
        { timeoutMs, maxBodyBytes: 1_048_576 },
      );
      return { status: res.status, json: res.json };
    },
    refusal,
  );
  if (accepted) return { warning: diagnosisLine(accepted) };
  const text = `${refused.what}, and refused the same request signed with each of ${tried.length} common signing mistakes: ${refused.hint}`;
  return remote ? { error: text } : { warning: text };
}

/**
 * One request (two when the first looks refused, and one per signing mistake when it is): an error when the target
 * does not answer like a gateway, or, for a remote target, when it refuses a request signed as the docs say and every
 * common signing mistake as well — the tester's credentials, exit 2, not a conformance finding. A bundled mock's
 * credentials are known to be right, so there a refusal is left to the checks.
 */
export async function smoke(
  gateway: Gateway,
  baseUrl: string,
  creds: Credentials,
  timeoutMs: number,
  remote = false,
): Promise<SmokeOutcome> {
  const model = gatewayModel(gateway);
  const { path, body } = model.smoke.request(creds);
  const raw = JSON.stringify(body);
  const exchange = (mode: 'valid' | 'bad-signature') =>
    send(
      {
        method: 'POST',
        url: baseUrl.replace(/\/+$/, '') + path,
        headers: {
          'content-type': 'application/json',
          ...model.adapter.authHeaders(creds, raw, body, mode),
        },
        body: raw,
      },
      { timeoutMs, maxBodyBytes: 1_048_576 },
    );
  try {
    const res = await exchange('valid');
    // Only what no gateway at this URL would send counts here: a web page, or 404 on a documented endpoint
    // (a wrong base URL). Anything else, garbage included, is for the checks to judge.
    const media = res.headers['content-type']?.split(';')[0].trim().toLowerCase();
    // A JSON body mislabelled text/html is not a web page: the content-type checks judge it (html-content-type faults).
    if ((media === 'text/html' && res.json === undefined) || res.status === 404) {
      return {
        error: `${baseUrl} does not answer like a ${gateway} gateway: POST ${path} gave HTTP ${res.status} ${media ?? 'without a content type'} (is the base URL right?)`,
      };
    }
    const hint = `check ${model.credentials.required.join(' and ')} (if they are right, the target's signature check is at fault)`;
    if (res.status === 401) {
      return diagnoseRefusal(gateway, baseUrl, creds, timeoutMs, remote, {
        what: 'the target answered HTTP 401 to a request signed as the docs say',
        hint,
      });
    }
    // A gateway that answers a refused signature with a result code (unsignedRefusal): a request signed as the docs
    // say that is answered exactly as one with a wrong signature, and unsigned in return (the gateway signs only what
    // it verified), was refused.
    // A throttled answer (429/503 with Retry-After) says nothing about the credentials: the run's wait budget
    // (--max-wait) deals with a target that keeps refusing.
    const throttled = (res.status === 429 || res.status === 503) && res.headers['retry-after'] !== undefined;
    const unsigned = model.smoke.unsignedRefusal;
    if (remote && unsigned && !res.headers[unsigned.header] && !throttled) {
      const wrong = await exchange('bad-signature');
      const code = envelopeCode(res.json);
      // Only a failure code counts: a target that answers anything else the same either way is left to the checks.
      if (unsigned.isFailureCode(code) && wrong.status === res.status && envelopeCode(wrong.json) === code)
        return diagnoseRefusal(
          gateway,
          baseUrl,
          creds,
          timeoutMs,
          remote,
          {
            what: `the target answered a request signed as the docs say exactly as one with a wrong signature (HTTP ${res.status}, code ${String(code)})`,
            hint,
          },
          { status: wrong.status, json: wrong.json },
        );
    }
    return {};
  } catch (err) {
    const reason = err instanceof TransportError ? err.message : (err as Error).message;
    return { error: `${baseUrl} is unreachable: ${reason}` };
  }
}
