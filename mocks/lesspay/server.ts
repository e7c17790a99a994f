import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APPROVE_PATH, handleApprove } from './admin.js';
import { authenticate } from './auth.js';
import { handleCheckout } from './checkout.js';
import type { MockContext } from './context.js';
import { type Outgoing, toOutgoing } from './envelope.js';
import type { Fault } from './faults/types.js';
import { isObject, type JsonObject, parseJson } from './json.js';
import { paramError, type Reply } from './reply.js';
import { PATHS, ROUTES, type Route } from './routes.js';

const MAX_BODY = 1024 * 1024;

/**
 * Calls `done` with the body's text, or undefined when it is larger than MAX_BODY. Callbacks rather than a promise:
 * every API request passes through here, and the mock's throughput under load is one of its promises (issue 26).
 */
function readBody(req: IncomingMessage, done: (text: string | undefined) => void): void {
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY) return;
    if (first === undefined) first = c;
    else {
      chunks ??= [first];
      chunks.push(c);
    }
  });
  req.on('end', () => {
    if (size > MAX_BODY) return done(undefined);
    done(chunks ? Buffer.concat(chunks).toString('utf8') : (first?.toString('utf8') ?? ''));
  });
}

// A path of plain characters is its own pathname: no dot segment, percent escape, query or fragment to resolve, and
// no leading "//" (which the URL parser reads as a host).
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9_\-/]*$/;

function pathOf(url: string | undefined): string {
  if (url !== undefined && PLAIN_PATH.test(url)) return url;
  return new URL(url ?? '/', 'http://mock').pathname;
}

function write(res: ServerResponse, out: Outgoing): void {
  const payload =
    out.body === null ? undefined : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
  // Node's flat [name, value, …] form: no header object copied and edited per answer.
  const headers: string[] = [];
  for (const name of Object.keys(out.headers)) {
    if (payload === undefined && name === 'Content-Type') continue;
    headers.push(name, out.headers[name]!);
  }
  // A length rather than chunked framing: one buffer to write, and what most gateways send.
  if (payload !== undefined) headers.push('Content-Length', String(Buffer.byteLength(payload)));
  res.writeHead(out.status, headers);
  res.end(payload);
}

function routeError(status: number, msg: string, headers?: Record<string, string>): Reply {
  return {
    outcome: 'route',
    reason: status === 404 ? 'unknown-path' : 'method',
    code: 9999,
    msg,
    data: null,
    status,
    headers,
  };
}

/** Routing and method (L4/L5): a reply when the request ends here, whatever its body; else the route. */
function routeOf(req: IncomingMessage, path: string, ctx: MockContext): Route | Reply {
  const k = ctx.knobs;
  const route = path === PATHS.triggerNotify && !ctx.sandbox.triggerNotify ? undefined : ROUTES[path];
  const method = req.method ?? 'GET';
  if (!route) {
    if (k.unknownPath === 'answer-200') return { ...routeError(200, 'Not Found'), code: 0, msg: 'SUCCESS' };
    return routeError(404, `Not Found: no endpoint at ${path}`);
  }
  if (method !== 'POST') {
    const mode = route.area === 'payin' ? k.payinNonPost : k.payoutNonPost;
    if (mode === 'answer-200')
      return { ...paramError(`Request method ${method} not supported`, 11), status: 200 };
    if (mode === 'not-found') return routeError(404, `Not Found: no ${method} endpoint at ${path}`);
    return routeError(405, `Method Not Allowed: ${method} is not supported, use POST`, { Allow: 'POST' });
  }
  return route;
}

/** Authentication (L3) before the handler: a bad body is refused only once the headers pass. */
function answer(req: IncomingMessage, route: Route, text: string | undefined, ctx: MockContext): Reply {
  const k = ctx.knobs;
  const errorCode = route.area === 'payout' ? 30000 : 11;
  let body: JsonObject | undefined;
  let problem: string | undefined;
  if (text === undefined) problem = 'Request body is larger than 1 MiB';
  else if (text.trim() === '') body = Object.create(null) as JsonObject;
  else {
    try {
      const parsed = parseJson(text);
      if (isObject(parsed)) body = parsed;
      else problem = 'Request body must be a JSON object';
    } catch (e) {
      problem = `Request body is not valid JSON: ${(e as Error).message}`;
    }
  }
  const denied = authenticate(req.headers, body, ctx);
  if (denied) return denied;
  if (!body) {
    if (k.badJsonCrashes)
      return { outcome: 'server', reason: 'other', code: 10, msg: 'System Exception', status: 500 };
    return paramError(`Parameter Error: ${problem}`, errorCode);
  }
  return route.handle(body, ctx);
}

function send(res: ServerResponse, reply: Reply, path: string, ctx: MockContext, fault?: Fault): void {
  let out = toOutgoing(reply, ctx.variant);
  if (fault?.respond) out = fault.respond(out, { path, reply });
  write(res, out);
}

function crashed(res: ServerResponse, err: unknown, ctx: MockContext): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  write(
    res,
    toOutgoing(
      { outcome: 'server', reason: 'other', code: 10, msg: `System Exception: ${String(err)}` },
      ctx.variant,
    ),
  );
}

function handle(req: IncomingMessage, res: ServerResponse, ctx: MockContext, fault?: Fault): void {
  const path = pathOf(req.url);
  const checkout = path.startsWith('/checkout/') ? /^\/checkout\/([^/]+)(?:\/([a-z]+))?$/.exec(path) : null;
  if (checkout) {
    handleCheckout(req, res, decodeURIComponent(checkout[1]!), ctx, checkout[2] ?? '').catch((err: unknown) =>
      crashed(res, err, ctx),
    );
    return;
  }
  // The test-only admin surface exists only where payouts wait for a person (sandbox policy payoutReview 'manual').
  if (path === APPROVE_PATH && ctx.sandbox.payoutReview === 'manual') {
    handleApprove(req, res, ctx).catch((err: unknown) => crashed(res, err, ctx));
    return;
  }
  const routed = routeOf(req, path, ctx);
  if (!('handle' in routed)) {
    send(res, routed, path, ctx, fault);
    return;
  }
  readBody(req, (text) => {
    try {
      send(res, answer(req, routed, text, ctx), path, ctx, fault);
    } catch (err) {
      crashed(res, err, ctx);
    }
  });
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

export async function listen(
  ctx: MockContext,
  host: string,
  port: number,
  fault?: Fault,
): Promise<Listening> {
  const server = createServer((req, res) => {
    try {
      handle(req, res, ctx, fault);
    } catch (err) {
      crashed(res, err, ctx);
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${shownHost}:${addr.port}`;
  ctx.baseUrl = url;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
