import { answerObject, type ClientRequest } from '../../src/audit/client-kit.js';

// For the rules' specs: one recorded request as the rules see it, made up by hand. The body is `text` when given
// (pretty-printed, say), else the JSON text of `json`; `raw` and `json` always agree with it, and `answer` with
// `responseText`, decoded as the audit decodes it.
export function madeUp(
  path: string,
  json: unknown,
  more: Partial<Omit<ClientRequest, 'raw' | 'json' | 'answer'>> = {},
): ClientRequest {
  const text = more.text ?? JSON.stringify(json);
  return {
    seq: 1,
    method: 'POST',
    path,
    query: '',
    headers: { 'content-type': 'application/json' },
    at: Date.now(),
    ...more,
    text,
    raw: Buffer.from(text),
    json: JSON.parse(text),
    ...(more.responseText === undefined ? {} : { answer: answerObject(more.responseText) }),
  };
}
