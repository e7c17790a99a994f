import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny scripted HTTP server for client tests: records each request, answers with `reply(request)`.

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (timeout tests). */
  hang?: boolean;
}

export interface Stub {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

export async function startStub(reply: (req: Seen) => StubReply): Promise<Stub> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        text: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      const r = reply(s);
      if (r.hang) return;
      const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status ?? 200, { 'Content-Type': 'application/json', ...r.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
