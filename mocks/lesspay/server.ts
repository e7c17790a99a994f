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
import { PATHS, ROUTES } from './routes.js';

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, out: Outgoing): void {
  const headers = { ...out.headers };
  let payload: string | undefined;
  if (out.body === null) delete headers['Content-Type'];
  else payload = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
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

/** Decides the answer to one API request: routing, then authentication, then the handler (L4/L5 before L3). */
async function answer(req: IncomingMessage, path: string, ctx: MockContext): Promise<Reply> {
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
  const text = await readBody(req);
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

async function handle(req: IncomingMessage, res: ServerResponse, ctx: MockContext, fault?: Fault) {
  const path = new URL(req.url ?? '/', 'http://mock').pathname;
  const checkout = /^\/checkout\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  if (checkout) return handleCheckout(req, res, decodeURIComponent(checkout[1]), ctx, checkout[2] ?? '');
  // The test-only admin surface exists only where payouts wait for a person (sandbox policy payoutReview 'manual').
  if (path === APPROVE_PATH && ctx.sandbox.payoutReview === 'manual') return handleApprove(req, res, ctx);
  const reply = await answer(req, path, ctx);
  let out = toOutgoing(reply, ctx.variant);
  if (fault?.respond) out = fault.respond(out, { path, reply });
  write(res, out);
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
    handle(req, res, ctx, fault).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      write(
        res,
        toOutgoing(
          { outcome: 'server', reason: 'other', code: 10, msg: `System Exception: ${String(err)}` },
          ctx.variant,
        ),
      );
    });
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
