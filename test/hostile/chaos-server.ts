import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A hostile target for paycert's own tests (loopback only, bounded): it forwards to a conformant upstream mock
// except on the paths given a misbehaviour, so unaffected checks keep their true status.

export type Behaviour =
  | 'pass'
  | 'hang'
  | 'stall-body'
  | 'drip'
  | 'reset'
  | 'invalid-json'
  | 'non-utf8'
  | 'huge'
  | 'many-keys'
  | 'deep'
  | 'html-error'
  | 'redirect'
  | 'throttle'
  | 'unavailable';

export const BEHAVIOURS: readonly Behaviour[] = [
  'hang',
  'stall-body',
  'drip',
  'reset',
  'invalid-json',
  'non-utf8',
  'huge',
  'many-keys',
  'deep',
  'html-error',
  'redirect',
  'throttle',
  'unavailable',
];

export interface ChaosOptions {
  upstream: string;
  /** Path → misbehaviour; '*' applies to every path without an entry of its own; 'pass' forwards a path as is. */
  behaviours: Record<string, Behaviour>;
  /** Hard stop for hanging and dripping connections, so the server never outlives a test. */
  maxHoldMs?: number;
  /** Retry-After of the `throttle` (default 1) and `unavailable` (default 3600) answers, in seconds. */
  retryAfter?: string;
}

export interface RunningChaos {
  url: string;
  /** Requests seen per path, and concurrent requests at most: what politeness tests measure. */
  stats: {
    requests: number;
    maxInFlight: number;
    perSecond: Map<number, number>;
    /** Every request: path (with query) and arrival time (ms since the epoch), in arrival order. */
    log: { path: string; at: number }[];
  };
  close(): Promise<void>;
}

const HUGE_BYTES = 50 * 1024 * 1024;

function json(res: ServerResponse, status: number, text: string | Buffer, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendHuge(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': HUGE_BYTES + 2 });
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  res.write('"');
  let sent = 0;
  const pump = () => {
    while (sent < HUGE_BYTES) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end('"');
  };
  res.on('error', () => {});
  pump();
}

function manyKeys(): string {
  const parts: string[] = [];
  for (let i = 0; i < 100_000; i++) parts.push(`"k${i}":${i}`);
  return `{"code":0,"msg":"",${parts.join(',')}}`;
}

function deep(): string {
  return `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
}

export async function startChaos(opts: ChaosOptions): Promise<RunningChaos> {
  const maxHold = opts.maxHoldMs ?? 30_000;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const stats = {
    requests: 0,
    maxInFlight: 0,
    perSecond: new Map<number, number>(),
    log: [] as { path: string; at: number }[],
  };
  let inFlight = 0;
  const hold = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const up = new URL(req.url ?? '/', opts.upstream);
    const proxied = httpRequest(
      up,
      { method: req.method, headers: { ...req.headers, host: up.host } },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    proxied.on('error', () => json(res, 502, '{"code":10,"msg":"upstream down"}'));
    proxied.end(body);
  };

  const server: Server = createServer((req, res) => {
    stats.requests++;
    const now = Date.now();
    stats.log.push({ path: req.url ?? '/', at: now });
    const second = Math.floor(now / 1000);
    stats.perSecond.set(second, (stats.perSecond.get(second) ?? 0) + 1);
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const behaviour = opts.behaviours[path] ?? opts.behaviours['*'];
      const body = Buffer.concat(chunks);
      switch (behaviour) {
        case undefined:
        case 'pass':
          return forward(req, res, body);
        case 'hang':
          return hold(() => res.destroy(), maxHold);
        case 'stall-body':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
          res.write('{"code":0,');
          return hold(() => res.destroy(), maxHold);
        case 'drip': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const text = '{"code":0,"msg":"slowly","data":{}}';
          let i = 0;
          const tick = () => {
            if (res.destroyed) return;
            if (i >= text.length) return void res.end();
            res.write(text[i++]);
            hold(tick, 300);
          };
          return tick();
        }
        case 'reset':
          return req.socket.destroy();
        case 'invalid-json':
          return json(res, 200, '{"code":0,"msg":"truncated"');
        case 'non-utf8':
          return json(res, 200, Buffer.from([0x7b, 0x22, 0x63, 0xff, 0xfe, 0x22, 0x3a, 0x30, 0x7d]));
        case 'huge':
          return sendHuge(res);
        case 'many-keys':
          return json(res, 200, manyKeys());
        case 'deep':
          return json(res, 200, deep());
        case 'html-error':
          return json(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html');
        case 'redirect':
          res.writeHead(302, { location: 'http://paycert-elsewhere.invalid/moved', 'content-length': 0 });
          return res.end();
        case 'throttle':
          res.writeHead(429, { 'retry-after': opts.retryAfter ?? '1', 'content-type': 'application/json' });
          return res.end('{"code":9999,"msg":"slow down"}');
        case 'unavailable':
          res.writeHead(503, {
            'retry-after': opts.retryAfter ?? '3600',
            'content-type': 'application/json',
          });
          return res.end('{"code":10,"msg":"maintenance"}');
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
