import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { codes } from './codes.js';
import { admit } from './common-params.js';
import type { Call, MockContext } from './context.js';
import { fail, render } from './envelope.js';
import { BodyTooLarge, readBody, send } from './http-io.js';
import { payV1, payV2 } from './pay.js';
import { preAuthVoid } from './pre-auth-void.js';
import { query } from './query.js';
import { scanPage } from './scan-page.js';
import { rsaSign } from './signing.js';
import type { Answer, Endpoint, EnvelopeContext } from './types.js';

interface Route {
  endpoint: Endpoint;
  handle(ctx: MockContext, call: Call): Answer;
}

const routes: Record<string, Route> = {
  '/v1/payments/open/api/pay': { endpoint: 'pay', handle: payV1 },
  '/v1/payments/open/api/query': { endpoint: 'query', handle: query },
  '/v1/payments/open/api/preAuthVoid': { endpoint: 'preAuthVoid', handle: preAuthVoid },
  '/v2/payments/open/api/pay': { endpoint: 'payV2', handle: payV2 },
};

const bodyLimit = 1024 * 1024;

export function requestListener(ctx: MockContext): RequestListener {
  return (req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      const detail = error instanceof Error ? error.message : String(error);
      reply(ctx, res, fail(codes.systemError, 'System error', detail, 500), 'routing', false);
    });
  };
}

// Routing comes before the common checks: 404 and 405 are answered whatever the body and signature.
async function handle(ctx: MockContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { behaviour } = ctx;
  const url = new URL(req.url ?? '/', 'http://mock.invalid');
  const inBase = url.pathname.startsWith(`${behaviour.basePath}/`);
  const path = inBase ? url.pathname.slice(behaviour.basePath.length) : '';
  const qr = /^\/qr\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  if (qr) return scanPage(ctx, req, res, decodeURIComponent(qr[1]), qr[2] ?? '');

  const route = routes[path];
  // Only under a fault: a documented endpoint the gateway does not have, answered as a path with no endpoint.
  const missing = route ? behaviour.missingEndpoints[route.endpoint] : undefined;
  if (!route || missing === 'not-found' || missing === 'code') {
    req.resume();
    const status = missing === 'code' ? 200 : behaviour.notFoundStatus;
    const answer = fail(codes.notFound, 'Not Found', `no endpoint at ${url.pathname}`, status);
    return reply(ctx, res, answer, 'routing', false);
  }
  if (req.method !== 'POST' || missing === 'method') {
    req.resume();
    const answer = fail(
      codes.methodNotAllowed,
      'Method Not Allowed',
      'use POST',
      behaviour.methodNotAllowedStatus,
    );
    return reply(ctx, res, answer, 'routing', false, { Allow: 'POST' });
  }

  let raw: Buffer;
  try {
    raw = await readBody(req, bodyLimit);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return reply(
      ctx,
      res,
      fail(codes.bodyTooLarge, 'Request body too large', error.message, 413),
      route.endpoint,
      false,
    );
  }
  const signature = req.headers.signature;
  const gate = admit(
    { raw, query: url.searchParams, signature: typeof signature === 'string' ? signature : undefined },
    behaviour,
    ctx.keys,
  );
  if (gate.rejected) return reply(ctx, res, gate.rejected, route.endpoint, false);

  const { params, merchantId, verified, lateRejection } = gate.admitted;
  let answer = route.handle(ctx, { params, merchantId });
  if (lateRejection) answer = lateRejection;
  else if (behaviour.serverErrorOnValid && !answer.failure) {
    answer = fail(codes.systemError, 'System error', undefined, 500);
  }
  reply(ctx, res, answer, route.endpoint, verified && !lateRejection);
}

/** Signs the exact response bytes with the platform key when the request's signature verified (P6). */
function reply(
  ctx: MockContext,
  res: ServerResponse,
  answer: Answer,
  endpoint: EnvelopeContext['endpoint'],
  signed: boolean,
  extraHeaders: Record<string, string> = {},
): void {
  const { behaviour, keys } = ctx;
  const { status, body } = render(answer, behaviour, endpoint);
  const headers: Record<string, string> = { 'Content-Type': behaviour.contentType, ...extraHeaders };
  if (signed) {
    const signedText = behaviour.responseSignature === 'valid' ? body : `${body} `;
    headers.signature = rsaSign(Buffer.from(signedText, 'utf8'), keys.platformPrivate);
  }
  send(res, status, headers, body);
}
