// The console line of a driver or of the run's waits. On a terminal a transient line (a countdown) rewrites itself;
// in a log it is printed at most every few seconds, so CI logs stay readable.

const LOG_EVERY_MS = 5000;

export function consoleSay(stream: NodeJS.WriteStream = process.stderr) {
  let lastTransient = 0;
  let open = false;
  return (line: string, opts: { transient?: boolean } = {}): void => {
    if (opts.transient) {
      if (stream.isTTY) {
        stream.write(`\r${line}\u001b[K`);
        open = true;
        return;
      }
      if (Date.now() - lastTransient < LOG_EVERY_MS) return;
      lastTransient = Date.now();
    }
    stream.write(`${open ? '\n' : ''}${line}\n`);
    open = false;
  };
}
