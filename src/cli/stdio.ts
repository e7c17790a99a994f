// A reader may stop reading before the run ends (`paycert run | head -1`, a closed terminal): the run then goes on to
// its end and exits with its own code, quietly. Without this, the first write after the reader left raises an
// unhandled EPIPE with a stack trace and exit 1, which reads as "not certified".

const GONE = new Set(['EPIPE', 'EBADF', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

const closed = new WeakSet<NodeJS.WritableStream>();

/** Whether the reader of this stream has left: further output to it is dropped. */
export function isClosed(stream: NodeJS.WritableStream): boolean {
  return closed.has(stream);
}

/** Makes a stream's reader leaving a non-event: later writes are dropped instead of raising. */
export function tolerateClosedReader(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (GONE.has(err.code ?? '')) {
      closed.add(stream);
      return;
    }
    throw err;
  });
}

/** Waits until what was written to the stream is flushed (or the reader is gone). */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (closed.has(stream) || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      stream.write('', () => resolve());
    } catch {
      resolve();
    }
  });
}
