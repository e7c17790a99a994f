import { adapters, type Credentials } from './gateways/index.js';
import { send, TransportError } from './http.js';
import type { Gateway } from './results.js';

// One request before any check: an unreachable target or one that does not speak JSON is a configuration
// problem (exit 2), not a conformance verdict (style: bowtie smoke, schemathesis exit codes).

function smokeRequest(gateway: Gateway, creds: Credentials): { path: string; body: Record<string, unknown> } {
  if (gateway === 'lesspay') return { path: '/api/global/v1/pay/query-order', body: { request_id: 'PCSMOKE0000' } };
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

/** Returns undefined when the target answers like a gateway, else a one-line reason. */
export async function smoke(gateway: Gateway, baseUrl: string, creds: Credentials, timeoutMs: number) {
  const { path, body } = smokeRequest(gateway, creds);
  const raw = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...adapters[gateway].authHeaders(creds, raw, body, 'valid') };
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
      return `${baseUrl} does not answer like a ${gateway} gateway: POST ${path} gave HTTP ${res.status} ${media ?? 'without a content type'} (is the base URL right?)`;
    }
    return undefined;
  } catch (err) {
    const reason = err instanceof TransportError ? err.message : (err as Error).message;
    return `${baseUrl} is unreachable: ${reason}`;
  }
}
