import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLarge extends Error {}

/**
 * The raw request bytes, handed to `done` exactly once: signatures are verified on exactly these. A callback, not a
 * promise: the API endpoints answer in the same tick as the body's end, with no promise jobs per request under load.
 */
export function collectBody(
  req: IncomingMessage,
  limit: number,
  done: (error: Error | undefined, raw: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error: Error | undefined, raw: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, raw);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      req.removeAllListeners('data');
      req.resume();
      settle(new BodyTooLarge(`body over ${limit} bytes`), Buffer.alloc(0));
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => settle(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  req.on('error', (error) => settle(error, Buffer.alloc(0)));
}

/** The same as a promise, for the scan pages. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    collectBody(req, limit, (error, raw) => (error ? reject(error) : resolve(raw))),
  );
}

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  sendWhole(res, status, { ...headers, 'Content-Length': String(Buffer.byteLength(body, 'utf8')) }, body);
}

/**
 * Writes an answer whose headers already hold its Content-Length. The body goes as a string: Node then joins the
 * head and the body into one chunk, where a Buffer body is queued as a chunk of its own after the head.
 */
export function sendWhole(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  res.writeHead(status, headers);
  res.end(body, 'utf8');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
