import { adapters, type Credentials } from './gateways/index.js';
import { send, TransportError } from './http.js';
import type { Gateway } from './results.js';

// One request before any check: an unreachable target or one that does not speak JSON is a configuration
// problem (exit 2), not a conformance verdict (style: bowtie smoke, schemathesis exit codes).

function smokeRequest(gateway: Gateway, creds: Credentials): { path: string; body: Record<string, unknown> } {
  if (gateway === 'lesspay')
    return { path: '/api/global/v1/pay/query-order', body: { request_id: 'PCSMOKE0000' } };
  return {
    path: '/v1/payments/open/api/query',
    body: {
      charset: 'UTF-8',
      version: '2.0.0',
      transType: 'PAY',
      accessType: 's2s',
      signType: 'RSA',
      merchantId: (creds as { merchantId: string }).merchantId,
      requestTime: new Date().toISOString(),
      merchantOrderId: 'PCSMOKE0000',
    },
  };
}

export interface SmokeOutcome {
  /** The target cannot be certified at all (exit 2). */
  error?: string;
  /** The run goes on, but the user should know (e.g. the credentials look wrong). */
  warning?: string;
}

/** One request: an error when the target does not answer like a gateway, a warning when it rejects the credentials. */
export async function smoke(
  gateway: Gateway,
  baseUrl: string,
  creds: Credentials,
  timeoutMs: number,
): Promise<SmokeOutcome> {
  const { path, body } = smokeRequest(gateway, creds);
  const raw = JSON.stringify(body);
  const headers = {
    'content-type': 'application/json',
    ...adapters[gateway].authHeaders(creds, raw, body, 'valid'),
  };
  try {
    const res = await send(
      { method: 'POST', url: baseUrl.replace(/\/+$/, '') + path, headers, body: raw },
      { timeoutMs, maxBodyBytes: 1_048_576 },
    );
    // Only what no gateway at this URL would send counts here: a web page, or 404 on a documented endpoint
    // (a wrong base URL). Anything else, garbage included, is for the checks to judge.
    const media = res.headers['content-type']?.split(';')[0].trim().toLowerCase();
    // A JSON body mislabelled text/html is not a web page: the content-type checks judge it (html-content-type faults).
    if ((media === 'text/html' && res.json === undefined) || res.status === 404) {
      return {
        error: `${baseUrl} does not answer like a ${gateway} gateway: POST ${path} gave HTTP ${res.status} ${media ?? 'without a content type'} (is the base URL right?)`,
      };
    }
    // Wrong credentials and a wrong signature check look the same from outside: the checks judge the target, and
    // the user is told to look at the credentials first.
    if (res.status === 401) {
      return {
        warning: `the target answered HTTP 401 to a request signed as the docs say: check the ${gateway} credentials (if they are right, the target's signature check is at fault)`,
      };
    }
    return {};
  } catch (err) {
    const reason = err instanceof TransportError ? err.message : (err as Error).message;
    return { error: `${baseUrl} is unreachable: ${reason}` };
  }
}
