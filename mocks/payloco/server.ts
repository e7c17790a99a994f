import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { codes } from './codes.js';
import { admit } from './common-params.js';
import type { Call, MockContext } from './context.js';
import { fail, render } from './envelope.js';
import { BodyTooLarge, collectBody, sendWhole } from './http-io.js';
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
const urlBase = 'http://mock.invalid';

export function requestListener(ctx: MockContext): RequestListener {
  // The API paths as they arrive (basePath included): such a request-target is its own URL pathname, so these skip
  // URL parsing; any other target (encoded, dot segments, absolute form, scan pages) goes through the URL parser.
  const direct = new Map(
    Object.entries(routes).map(([path, route]) => [ctx.behaviour.basePath + path, route]),
  );
  return (req, res) => {
    const failed = (error: unknown) => replyFailure(ctx, res, error);
    try {
      handle(ctx, direct, req, res, failed);
    } catch (error) {
      failed(error);
    }
  };
}

// Routing comes before the common checks: 404 and 405 are answered whatever the body and signature.
function handle(
  ctx: MockContext,
  direct: Map<string, Route>,
  req: IncomingMessage,
  res: ServerResponse,
  failed: (error: unknown) => void,
): void {
  const { behaviour } = ctx;
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  let route = direct.get(queryAt < 0 ? target : target.slice(0, queryAt));
  // The query string is parsed only when a fault reads parameters from it.
  const query = () => new URL(target, urlBase).searchParams;
  let pathname = '';
  if (!route) {
    const url = new URL(target, urlBase);
    pathname = url.pathname;
    const inBase = pathname.startsWith(`${behaviour.basePath}/`);
    const path = inBase ? pathname.slice(behaviour.basePath.length) : '';
    const qr = /^\/qr\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
    if (qr) {
      scanPage(ctx, req, res, decodeURIComponent(qr[1]), qr[2] ?? '').catch(failed);
      return;
    }
    route = routes[path];
  }

  // Only under a fault: a documented endpoint the gateway does not have, answered as a path with no endpoint.
  const missing = route ? behaviour.missingEndpoints[route.endpoint] : undefined;
  if (!route || missing === 'not-found' || missing === 'code') {
    req.resume();
    const status = missing === 'code' ? 200 : behaviour.notFoundStatus;
    pathname ||= new URL(target, urlBase).pathname;
    const answer = fail(codes.notFound, 'Not Found', `no endpoint at ${pathname}`, status);
    reply(ctx, res, answer, 'routing');
    return;
  }
  if (req.method !== 'POST' || missing === 'method') {
    req.resume();
    const answer = fail(
      codes.methodNotAllowed,
      'Method Not Allowed',
      'use POST',
      behaviour.methodNotAllowedStatus,
    );
    reply(ctx, res, answer, 'routing', { Allow: 'POST' });
    return;
  }

  const { endpoint } = route;
  const { handle: answerFor } = route;
  collectBody(req, bodyLimit, (error, raw) => {
    const ticket = ctx.answers.begin();
    const written = () => ctx.answers.end(ticket);
    try {
      if (error && !(error instanceof BodyTooLarge)) throw error;
      const { answer, signed } = error
        ? { answer: fail(codes.bodyTooLarge, 'Request body too large', error.message, 413), signed: false }
        : decide(ctx, req, answerFor, raw, query);
      if (signed) return replySigned(ctx, res, answer, endpoint, written);
      reply(ctx, res, answer, endpoint);
      written();
    } catch (thrown) {
      failed(thrown);
      written();
    }
  });
}

/** The common checks, then the endpoint: the answer, and whether it is signed (the request's signature verified). */
function decide(
  ctx: MockContext,
  req: IncomingMessage,
  answerFor: Route['handle'],
  raw: Buffer,
  query: () => URLSearchParams,
): { answer: Answer; signed: boolean } {
  const { behaviour } = ctx;
  const signature = req.headers.signature;
  const gate = admit(
    { raw, query, signature: typeof signature === 'string' ? signature : undefined },
    behaviour,
    ctx.keys,
  );
  if (gate.rejected) return { answer: gate.rejected, signed: false };

  const { params, merchantId, verified, lateRejection } = gate.admitted;
  let answer = answerFor(ctx, { params, merchantId });
  if (lateRejection) answer = lateRejection;
  else if (behaviour.serverErrorOnValid && !answer.failure) {
    answer = fail(codes.systemError, 'System error', undefined, 500);
  }
  return { answer, signed: verified && !lateRejection };
}

function reply(
  ctx: MockContext,
  res: ServerResponse,
  answer: Answer,
  endpoint: EnvelopeContext['endpoint'],
  extraHeaders?: Record<string, string>,
): void {
  const { behaviour } = ctx;
  const { status, body } = render(answer, behaviour, endpoint);
  const headers: Record<string, string> = { 'Content-Type': behaviour.contentType };
  if (extraHeaders) Object.assign(headers, extraHeaders);
  headers['Content-Length'] = String(Buffer.byteLength(body, 'utf8'));
  sendWhole(res, status, headers, body);
}

/** Signs the exact response bytes with the platform key (P6), then writes the answer and ends its ticket. */
function replySigned(
  ctx: MockContext,
  res: ServerResponse,
  answer: Answer,
  endpoint: EnvelopeContext['endpoint'],
  written: () => void,
): void {
  const { behaviour, keys } = ctx;
  const { status, body } = render(answer, behaviour, endpoint);
  // The body is encoded once: its bytes are both what is signed and what Content-Length counts.
  const bytes = Buffer.from(body, 'utf8');
  const signedBytes = behaviour.responseSignature === 'valid' ? bytes : Buffer.from(`${body} `, 'utf8');
  rsaSign(signedBytes, keys.platformPrivate, (error, signature) => {
    try {
      if (error) throw error;
      const headers = {
        'Content-Type': behaviour.contentType,
        signature,
        'Content-Length': String(bytes.length),
      };
      sendWhole(res, status, headers, body);
    } catch (thrown) {
      replyFailure(ctx, res, thrown);
    } finally {
      written();
    }
  });
}

/** An unexpected error: a 500 in the unified format, or a cut connection once the head is out. */
function replyFailure(ctx: MockContext, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const detail = error instanceof Error ? error.message : String(error);
  reply(ctx, res, fail(codes.systemError, 'System error', detail, 500), 'routing');
}
